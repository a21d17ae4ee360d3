"""Plan tables as data: indicators, tasks, budgets, targets and legal bases as records."""
