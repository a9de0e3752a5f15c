// Coyote's engines run one at a time: each takes over scheduling for the test it runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
