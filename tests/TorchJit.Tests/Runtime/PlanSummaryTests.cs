using TorchJit.Tests.Corpus;

namespace TorchJit.Tests.Runtime;

/// <summary>
/// A plan's summary is what a user reads to learn whether a model runs allocation-free: where it lists nothing
/// under "allocating", steady-state calls into an output allocate nothing, for every corpus model that compiles.
/// </summary>
public sealed class PlanSummaryTests
{
    public static TheoryData<string, bool> Cases => ModelCorpus.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_plan_that_lists_nothing_allocating_allocates_nothing(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var compiled = Jit.Compile(ModelCorpus.Create(entry, optimized));
        var x = ModelCorpus.Inputs(entry, 1)[0];
        var output = compiled.forward(x);
        var into = Tensor.Empty(output.DType, output.Shape);
        for (int i = 0; i < 60; i++) compiled.forward(x, into);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) compiled.forward(x, into);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // (A listed node may sit in a branch this input does not take, so the converse does not hold.)
        string plan = compiled.Describe();
        if (!plan.Contains("allocating", StringComparison.Ordinal))
            Assert.True(bytes == 0, $"{name}: {bytes} bytes over 20 calls, but the plan lists nothing allocating: {plan}");
    }
}
