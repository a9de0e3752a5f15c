using TorchJit.Kernels;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Runtime;

/// <summary>
/// Plans for small static shapes, where per-op overhead is the cost: 0-dim results compared in registers, single
/// elementwise ops as compiled loops, a branch's result written straight into the caller's output, and a strided
/// input given a plan of its own. Each is checked bit for bit against eager, at every vector width.
/// </summary>
public sealed class SmallPlanTests
{
    private static readonly VectorWidth[] Widths = [VectorWidth.Scalar, VectorWidth.V128, VectorWidth.V256, VectorWidth.V512];

    public static TheoryData<VectorWidth> AllWidths => [.. Widths];

    // Inputs that take each branch of CondModel (sum > 10 or not), and NaN/inf sums (NaN > 10 is false).
    private static IEnumerable<Tensor> CondInputs()
    {
        manual_seed(3);
        yield return rand(2, 3);
        yield return rand(2, 3) * 10;
        yield return tensor(new[] { 10f, 0f, 0f, 0f, 0f, 0f }, [2, 3]); // exactly 10: not greater
        yield return tensor(new[] { float.NaN, 1f, 2f, 3f, -0f, 5f }, [2, 3]);
        yield return tensor(new[] { float.PositiveInfinity, 1f, 2f, 3f, 4f, 5f }, [2, 3]);
        yield return tensor(new[] { float.PositiveInfinity, float.NegativeInfinity, 2f, 3f, 4f, 5f }, [2, 3]);
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void CondModel_compares_its_sum_in_registers_and_writes_either_branch_into_the_output(VectorWidth width)
    {
        var model = new CondModel();
        var compiled = Jit.Compile(model, width: width);
        foreach (var x in CondInputs())
        {
            var expected = model.forward(x);
            var output = Tensor.Empty(DType.Float32, [2, 3]);
            compiled.forward(x, output);
            Assert.True(expected.BitEquals(output), $"{width}: {x.Describe()}");
            Assert.True(expected.BitEquals(compiled.forward(x)), $"{width}: allocating forward, {x.Describe()}");
            var span = new float[6];
            compiled.forward(x, span.AsSpan());
            Assert.Equal(expected.ToArray(), span);
        }

        string plan = compiled.Describe();
        Assert.Contains("0 arena tensors", plan);
        Assert.Contains("2 0-dim tensors in registers", plan);
        Assert.Contains("1 fused loops", plan);
        Assert.Contains("output written directly", plan);
        Assert.DoesNotContain("allocating", plan);
    }

    [Fact]
    public void Comparisons_with_int_and_float_constants_match_eager()
    {
        var model = new ComparisonsModel();
        var compiled = Jit.Compile(model);
        manual_seed(4);
        var inputs = new List<Tensor> { tensor(new[] { 1f, 1.5f }, [2]), tensor(new[] { 1f, 2f }, [2]), tensor(new[] { float.NaN, 2f }, [2]), tensor(new[] { -0f, 0f }, [2]) };
        for (int i = 0; i < 40; i++) inputs.Add(randn(2) * 3);
        foreach (var x in inputs)
        {
            var expected = model.forward(x);
            var actual = compiled.forward(x);
            Assert.True(expected.BitEquals(actual), $"{x.Describe()}: expected {expected.Describe()}, got {actual.Describe()}");
        }

        Assert.Contains("0-dim tensors in registers", compiled.Describe());
    }

    [Fact]
    public void A_strided_input_gets_its_own_plan_and_the_same_results_as_eager()
    {
        var zoo = ModelZoo.Get("chain");
        var model = zoo.Create();
        var compiled = Jit.Compile(model);
        manual_seed(5);
        var dense = randn(16, 24);
        var strided = randn(24, 16).transpose(0, 1);

        Assert.True(model.forward(dense).BitEquals(compiled.forward(dense)));
        Assert.True(model.forward(strided).BitEquals(compiled.forward(strided)));
        Assert.Equal(2, compiled.PlansBuilt);
        Assert.Contains("(strided)", compiled.Describe());
    }

    [Fact]
    public void A_loop_body_keeps_what_dies_within_its_iteration_in_the_arena()
    {
        var model = new StepLoopModel();
        var compiled = Jit.Compile(model);
        manual_seed(6);
        foreach (var scale in new[] { 0.1f, 1f, 10f, 100f })
        {
            var x = randn(4, 5) * scale;
            Assert.True(model.forward(x).BitEquals(compiled.forward(x)), $"scale {scale}");
        }

        // abs runs into the arena, the sum is a register, and the carried value alternates between two buffers.
        Assert.DoesNotContain("allocating", compiled.Describe());

        // Steady state: the loop (which runs several iterations on this input) allocates nothing either.
        var input = randn(4, 5);
        var output = Tensor.Empty(DType.Float32, [4, 5]);
        for (int i = 0; i < 50; i++) compiled.forward(input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++) compiled.forward(input, output);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(bytes == 0, $"{bytes} bytes over 500 calls; plan: {compiled.Describe()}");
        Assert.True(model.forward(input).BitEquals(output));
    }

    [Fact]
    public void Carried_values_that_swap_or_are_read_after_the_loop_keep_their_values()
    {
        var model = new SwapLoopModel();
        var compiled = Jit.Compile(model);
        manual_seed(7);
        for (int i = 0; i < 20; i++)
        {
            var x = randn(3, 4) * (i + 1);
            Assert.True(model.forward(x).BitEquals(compiled.forward(x)), $"input {i}");
        }
    }

    /// <summary>Two carried tensors that feed each other, a counter on data, and both read after the loop.</summary>
    private sealed class SwapLoopModel : nn.Module<Tensor, Tensor>
    {
        public SwapLoopModel()
            : base(nameof(SwapLoopModel))
        {
        }

        public override Tensor forward(Tensor x)
        {
            var a = x;
            var b = x * 0.5;
            int n = 0;
            while ((bool)(a.abs().sum() < 100) && n < 6)
            {
                var next = a * 0.75 + b;
                b = a - b;
                a = next;
                n++;
            }

            return a * 2 + b;
        }
    }

    /// <summary>A data-dependent while loop whose body has values that die within the iteration.</summary>
    private sealed class StepLoopModel : nn.Module<Tensor, Tensor>
    {
        public StepLoopModel()
            : base(nameof(StepLoopModel))
        {
        }

        public override Tensor forward(Tensor x)
        {
            int steps = 0;
            while ((bool)(x.abs().sum() < 50) && steps < 8)
            {
                x = (x * 1.5).relu() + 0.25;
                steps++;
            }

            return x;
        }
    }

    /// <summary>The comparisons C# writes (eq and ne take tensors only) of a sum with int and float constants, chained through branches.</summary>
    private sealed class ComparisonsModel : nn.Module<Tensor, Tensor>
    {
        public ComparisonsModel()
            : base(nameof(ComparisonsModel))
        {
        }

        public override Tensor forward(Tensor x)
        {
            var y = x;
            if (x.sum() > 2) y = y + 1;
            if (x.sum() < 2.5) y = y * 2;
            if (x.sum() >= 3) y = y - 4;
            if (x.sum() <= -1.25) y = y * 3;
            return y;
        }
    }
}
