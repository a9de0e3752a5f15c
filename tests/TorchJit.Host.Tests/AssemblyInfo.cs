// One test at a time: the overload and allocation tests measure the machine, and Jit.Compile is not safe to call
// from two threads at once (the scripter shares a NullabilityInfoContext).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
