using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit;

/// <summary>
/// The <c>torch</c> namespace of TorchSharp/PyTorch: creation functions, the default generator and op
/// functions. With <c>using TorchJit; using static TorchJit.torch;</c> TorchSharp model code reads the same.
/// </summary>
public static partial class torch
{
    /// <summary>The process-wide default generator.</summary>
    public static Generator DefaultGenerator => Generator.Default;

    /// <summary>Seeds the default generator.</summary>
    public static void manual_seed(long seed) => DefaultGenerator.ManualSeed(seed);

    /// <summary>Uniform random floats in [0, 1).</summary>
    public static Tensor rand(params long[] size)
    {
        var t = Tensor.Empty(DType.Float32, Sizes(size));
        DefaultGenerator.FillUniform(t.Float32Span);
        return t;
    }

    /// <summary>Standard normal random floats.</summary>
    public static Tensor randn(params long[] size)
    {
        var t = Tensor.Empty(DType.Float32, Sizes(size));
        DefaultGenerator.FillNormal(t.Float32Span);
        return t;
    }

    /// <summary>A float tensor of zeros.</summary>
    public static Tensor zeros(params long[] size) => Tensor.Empty(DType.Float32, Sizes(size));

    /// <summary>A float tensor of ones.</summary>
    public static Tensor ones(params long[] size) => full(size, 1f);

    /// <summary>A float tensor filled with <paramref name="value"/>.</summary>
    public static Tensor full(long[] size, float value)
    {
        var t = Tensor.Empty(DType.Float32, Sizes(size));
        t.Float32Span.Fill(value);
        return t;
    }

    /// <summary>A float tensor with a copy of <paramref name="data"/> in the given shape (1-D if none).</summary>
    public static Tensor tensor(float[] data, params long[] shape) =>
        Tensor.FromArray((float[])data.Clone(), shape.Length == 0 ? [data.Length] : Sizes(shape));

    /// <summary>An int64 tensor with a copy of <paramref name="data"/> in the given shape (1-D if none).</summary>
    public static Tensor tensor(long[] data, params long[] shape) =>
        Tensor.FromArray((long[])data.Clone(), shape.Length == 0 ? [data.Length] : Sizes(shape));

    /// <summary>A 0-dim float tensor.</summary>
    public static Tensor tensor(float value) => Tensor.FromArray([value]);

    /// <summary>Sum of all elements.</summary>
    [Op("aten::sum")]
    public static Tensor sum(Tensor input) => input.sum();

    /// <summary><c>max(x, 0)</c>.</summary>
    [Op("aten::relu")]
    public static Tensor relu(Tensor input) => input.relu();

    /// <summary>Elementwise sum.</summary>
    [Op("aten::add.Tensor")]
    public static Tensor add(Tensor input, Tensor other) => input + other;

    /// <summary>Elementwise product.</summary>
    [Op("aten::mul.Tensor")]
    public static Tensor mul(Tensor input, Tensor other) => input * other;

    /// <summary>Matrix product.</summary>
    [Op("aten::matmul")]
    public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);

    private static int[] Sizes(long[] size)
    {
        var s = new int[size.Length];
        for (int i = 0; i < size.Length; i++)
        {
            if (size[i] < 0 || size[i] > int.MaxValue) throw new ArgumentException($"invalid size {size[i]} at dim {i}");
            s[i] = (int)size[i];
        }

        return s;
    }
}
