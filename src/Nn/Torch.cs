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

    /// <summary>float32, as TorchSharp's <c>torch.float32</c>.</summary>
    public static readonly DType float32 = DType.Float32;

    /// <summary>int64, as TorchSharp's <c>torch.int64</c>.</summary>
    public static readonly DType int64 = DType.Int64;

    /// <summary>bool, as TorchSharp's <c>torch.@bool</c>.</summary>
    public static readonly DType @bool = DType.Bool;

    /// <summary>A float tensor of zeros. Traces as <c>aten::zeros</c> (a factory op, as in PyTorch), not as a data constant.</summary>
    public static Tensor zeros(params long[] size) =>
        Dispatch.Record(ZerosOp, AtenOps.zeros_of(size, null), IValue.From(size), IValue.None);

    private static readonly OpDef ZerosOp = OpRegistry.Get("aten::zeros");

    /// <summary>A tensor of zeros of the given dtype.</summary>
    public static Tensor zeros(long[] size, DType dtype) => Tensor.Empty(dtype, Sizes(size));

    /// <summary>A tensor of ones of the given dtype.</summary>
    public static Tensor ones(long[] size, DType dtype) => full(size, Scalar.One, dtype);

    /// <summary>A tensor filled with <paramref name="value"/> in <paramref name="dtype"/>.</summary>
    public static Tensor full(long[] size, Scalar value, DType dtype)
    {
        var t = Tensor.Empty(dtype, Sizes(size));
        switch (dtype)
        {
            case DType.Float32: t.Float32Span.Fill(value.ToSingle()); break;
            case DType.Int64: t.Int64Span.Fill(value.ToInt64()); break;
            default: t.BoolSpan.Fill(value.ToDouble() != 0); break;
        }

        return t;
    }

    /// <summary>
    /// Values from <paramref name="start"/> up to (not including) <paramref name="end"/> by <paramref name="step"/>:
    /// int64 when all three are integers, else float32 (as PyTorch infers).
    /// </summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar? step = null)
    {
        var s = step ?? Scalar.One;
        if (s.ToDouble() == 0) throw new ArgumentException("arange: step must be nonzero");
        double count = Math.Ceiling((end.ToDouble() - start.ToDouble()) / s.ToDouble());
        if (count < 0 || double.IsNaN(count)) throw new ArgumentException($"arange: upper bound and larger bound inconsistent with step sign (start {start}, end {end}, step {s})");
        if (count > Array.MaxLength) throw new ArgumentException($"arange: {count} elements is too many");
        int n = (int)count;
        bool integral = start.Kind == ScalarKind.Int && end.Kind == ScalarKind.Int && s.Kind == ScalarKind.Int;
        if (integral)
        {
            var l = new long[n];
            for (int i = 0; i < n; i++) l[i] = start.ToInt64() + (i * s.ToInt64());
            return Tensor.FromArray(l, n);
        }

        var f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float)(start.ToDouble() + (i * s.ToDouble()));
        return Tensor.FromArray(f, n);
    }

    /// <summary>0, 1, …, <paramref name="end"/> - 1.</summary>
    public static Tensor arange(Scalar end) => arange(0, end);

    /// <summary>A bool tensor with a copy of <paramref name="data"/> in the given shape (1-D if none).</summary>
    public static Tensor tensor(bool[] data, params long[] shape) =>
        Tensor.FromArray((bool[])data.Clone(), shape.Length == 0 ? [data.Length] : Sizes(shape));

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
