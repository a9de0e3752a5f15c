using TorchJit.Codegen;
using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Codegen.Fusion;

/// <summary>The differential check of the fused-loop tests: the compiled loop at every width against the chunked sweep.</summary>
internal static class FusedLoopCheck
{
    public static readonly VectorWidth[] Widths = [VectorWidth.Scalar, VectorWidth.V128, VectorWidth.V256, VectorWidth.V512];

    /// <summary>Compiles <paramref name="subgraph"/> at every width and asserts each result bit-identical to <see cref="FusedElementwise"/>'s.</summary>
    public static void MatchesSweepAtEveryWidth(Graph subgraph, params IValue[] inputs)
    {
        var expected = FusedElementwise.For(subgraph).Run(inputs);
        foreach (var width in Widths)
        {
            var kernel = Compile(subgraph, inputs, width);
            var actual = kernel.Run(inputs);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Tensor e = expected[i].ToTensor(), a = actual[i].ToTensor();
                Assert.True(e.BitEquals(a), $"{width}, output {i}: {Describe(inputs)}{FirstDifference(e, a)}");
            }
        }
    }

    public static FusedLoopKernel Compile(Graph subgraph, IValue[] inputs, VectorWidth width)
    {
        var kernel = FusedLoopKernel.TryCompile(subgraph, TypesOf(inputs), width, "fused_test", out var whyNot);
        Assert.True(kernel is not null, $"{width}: not compiled: {whyNot}");
        Assert.Null(whyNot);
        return kernel;
    }

    public static JitType[] TypesOf(IValue[] inputs) => [.. inputs.Select(v => v.Kind switch
    {
        IValueKind.Tensor => TensorType.Of(v.ToTensor()),
        IValueKind.Int => IntType.Instance,
        IValueKind.Double => FloatType.Instance,
        _ => (JitType)BoolType.Instance,
    })];

    /// <summary>randn * 4 with NaN, ±inf, -0 and a denormal scattered through it (every 7th element).</summary>
    public static Tensor Random(params int[] shape)
    {
        var data = (randn([.. shape.Select(s => (long)s)]) * 4).ToArray();
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 1e-40f, 0f];
        for (int i = 3; i < data.Length; i += 7) data[i] = specials[i / 7 % specials.Length];
        return Tensor.FromArray(data, shape);
    }

    private static string Describe(IValue[] inputs) =>
        string.Join(", ", inputs.Select(v => v.Kind == IValueKind.Tensor ? v.ToTensor().Describe() : v.Kind.ToString()));

    private static string FirstDifference(Tensor e, Tensor a)
    {
        if (!e.Shape.SequenceEqual(a.Shape)) return $"; shape {a.Describe()}, expected {e.Describe()}";
        float[] x = e.ToArray(), y = a.ToArray();
        for (int i = 0; i < x.Length; i++)
            if (BitConverter.SingleToInt32Bits(x[i]) != BitConverter.SingleToInt32Bits(y[i])) return $"; element {i} is {y[i]:R}, expected {x[i]:R}";
        return "";
    }
}
