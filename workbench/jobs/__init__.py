"""Jobs: specs, their steps, the runner and the executors that run the steps."""
