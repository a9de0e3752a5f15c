using System.Reflection;
using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Tests.Ops.OutVariants;

/// <summary>
/// Every registered out variant (<c>OpDef.OutImplementation</c>) against its op: the same bits into a buffer
/// full of garbage, nothing allocated in steady state on the float32 paths, in place for elementwise ops, and a
/// wrong buffer refused naming the op.
/// </summary>
public sealed class OutVariantTests
{
    // The ops the built-in models run: each must have an out variant.
    private static readonly string[] PriorityOps =
    [
        "aten::sum", "aten::sum.dim_IntList", "aten::gt.Tensor", "aten::gt.Scalar", "aten::add.Tensor", "aten::add.Scalar",
        "aten::mul.Tensor", "aten::mul.Scalar", "aten::linear", "torchjit::linear_relu", "torchjit::linear_activation", "aten::conv2d",
        "torchjit::conv2d_relu", "aten::max_pool2d", "torchjit::add_layer_norm", "aten::layer_norm", "aten::zeros",
        "aten::masked_fill.Scalar", "aten::scaled_dot_product_attention", "aten::relu", "aten::gelu", "aten::softmax.int",
    ];

    public static TheoryData<string> OpsWithOutVariants =>
        [.. OpRegistry.All.Where(d => d.OutImplementation is not null).Select(d => d.QualifiedName).Order(StringComparer.Ordinal)];

    [Fact]
    public void PriorityOpsHaveOutVariants()
    {
        var missing = PriorityOps.Where(name => OpRegistry.Get(name).OutImplementation is null).ToList();
        Assert.True(missing.Count == 0, $"no out variant: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryOutVariantHasSamples()
    {
        var untested = OpRegistry.All.Where(d => d.OutImplementation is not null && OutSampleTable.For(d.QualifiedName).Count == 0)
            .Select(d => d.QualifiedName).ToList();
        Assert.True(untested.Count == 0, $"out variants without samples in OutSampleTable: {string.Join(", ", untested)}");
    }

    [Fact]
    public void SamplesNameRegisteredOutVariants()
    {
        var stale = OutSampleTable.Names.Where(name => OpRegistry.Find(name)?.OutImplementation is null).ToList();
        Assert.True(stale.Count == 0, $"samples for ops without an out variant: {string.Join(", ", stale)}");
    }

    [Fact]
    public void ViewsHaveNoOutVariant()
    {
        var views = OpRegistry.All.Where(d => (d.Traits & OpTraits.View) != 0 && d.OutImplementation is not null).Select(d => d.QualifiedName).ToList();
        Assert.True(views.Count == 0, $"views with out variants: {string.Join(", ", views)}");
    }

    [Theory]
    [MemberData(nameof(OpsWithOutVariants))]
    public void OutVariantGivesTheSameBits(string name)
    {
        var op = OpRegistry.Get(name);
        foreach (var sample in OutSampleTable.For(name))
        {
            var expected = Allocating(op, sample.Args);
            var output = Garbage(expected.DType, expected.Shape);
            CallOut(op, sample.Args, output);
            Assert.True(expected.BitEquals(output), $"{name} [{sample}]: out variant gave {output}, allocating op {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(OpsWithOutVariants))]
    public void OutVariantAllocatesNothingInSteadyState(string name)
    {
        var op = OpRegistry.Get(name);
        foreach (var sample in OutSampleTable.For(name).Where(s => s.AllocationFree))
        {
            var expected = Allocating(op, sample.Args);
            var call = AllocationMeter.Bind(op.OutImplementation!, [.. sample.Args, Garbage(expected.DType, expected.Shape)]);
            long bytes = AllocationMeter.Measure(call);
            Assert.True(bytes == 0, $"{name} [{sample}]: 50 steady-state calls allocated {bytes} bytes");
        }
    }

    [Fact]
    public void MeterSeesAllocationsAndTheirAbsence()
    {
        var t = Tensor.FromArray([1f, 2f], 2);
        object?[] args = [t, Scalar.FromDouble(0.5), (long?)3];
        Assert.Equal(0, AllocationMeter.Measure(AllocationMeter.Bind(typeof(MeterTargets).GetMethod(nameof(MeterTargets.Reads))!, args)));
        Assert.True(AllocationMeter.Measure(AllocationMeter.Bind(typeof(MeterTargets).GetMethod(nameof(MeterTargets.Allocates))!, args)) > 0);
    }

    [Theory]
    [MemberData(nameof(OpsWithOutVariants))]
    public void ElementwiseOutVariantWorksInPlace(string name)
    {
        var op = OpRegistry.Get(name);
        if ((op.Traits & OpTraits.Elementwise) == 0) return;
        int cases = 0;
        foreach (var sample in OutSampleTable.For(name))
        {
            var expected = Allocating(op, sample.Args);
            for (int i = 0; i < sample.Args.Length; i++)
            {
                if (sample.Args[i] is not Tensor input || !input.IsContiguous || input.DType != expected.DType || !input.Shape.SequenceEqual(expected.Shape)) continue;
                object?[] args = [.. sample.Args];
                var buffer = input.clone();
                args[i] = buffer;
                CallOut(op, args, buffer);
                Assert.True(expected.BitEquals(buffer), $"{name} [{sample}] in place on argument {i}: {buffer}, expected {expected}");
                cases++;
            }
        }

        // Comparisons write bools from floats: no input can be their buffer. Every other elementwise op is tested in place.
        bool boolResult = Allocating(op, OutSampleTable.For(name)[0].Args).DType == DType.Bool;
        Assert.True(cases > 0 || boolResult, $"{name}: no sample has an input the shape and dtype of the result");
    }

    [Theory]
    [MemberData(nameof(OpsWithOutVariants))]
    public void WrongOutIsRefusedNamingTheOp(string name)
    {
        var op = OpRegistry.Get(name);
        var sample = OutSampleTable.For(name)[0];
        var expected = Allocating(op, sample.Args);
        var wrongDType = expected.DType == DType.Float32 ? DType.Int64 : DType.Float32;
        Tensor[] wrong =
        [
            Tensor.Empty(expected.DType, [.. expected.Shape, 2]),
            Tensor.Empty(wrongDType, expected.Shape),
            Tensor.Empty(expected.DType, [expected.Shape.Length == 0 ? 2 : (int)expected.NumElements + 1]),
        ];
        foreach (var output in wrong)
        {
            var e = Assert.Throws<ArgumentException>(() => CallOut(op, sample.Args, output));
            Assert.Contains(op.Schema.Kind, e.Message, StringComparison.Ordinal);
        }
    }

    private static Tensor Allocating(OpDef op, object?[] args) =>
        (Tensor)op.Implementation.Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, null)!;

    private static void CallOut(OpDef op, object?[] args, Tensor output) =>
        op.OutImplementation!.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [.. args, output], null);

    // A result buffer full of values the op must overwrite: NaN and 123 (float), 123 (int64), true (bool).
    private static Tensor Garbage(DType dtype, ReadOnlySpan<int> shape)
    {
        var t = Tensor.Empty(dtype, shape);
        switch (dtype)
        {
            case DType.Float32:
                var f = t.Float32Span;
                for (int i = 0; i < f.Length; i++) f[i] = i % 2 == 0 ? float.NaN : 123f;
                break;
            case DType.Int64: t.Int64Span.Fill(123); break;
            default: t.BoolSpan.Fill(true); break;
        }

        return t;
    }
}
