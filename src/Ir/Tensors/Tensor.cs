using System.Runtime.InteropServices;
using TorchJit.Kernels;

namespace TorchJit;

/// <summary>
/// A dense, contiguous, row-major CPU tensor: float32 (first-class), int64 or bool.
/// The eager API (operators and methods in the partial files beside this one) dispatches every op
/// through the op registry, so a tracer can record it.
/// </summary>
/// <remarks>
/// Note [Tensor identity]: the tracer maps tensors to graph values by reference, so a tensor is never
/// mutated in place by an op and every op result is a fresh object.
/// </remarks>
/// <remarks>Not sealed only so that <c>Parameter</c> can be a tensor, as in PyTorch and TorchSharp.</remarks>
public partial class Tensor
{
    private readonly Array storage;
    private readonly int[] shape;

    private Tensor(Array storage, int[] shape, DType dtype)
    {
        this.storage = storage;
        this.shape = shape;
        DType = dtype;
    }

    /// <summary>A tensor sharing <paramref name="data"/>'s storage (for subclasses such as <c>Parameter</c>).</summary>
    protected Tensor(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        storage = data.storage;
        shape = data.shape;
        DType = data.DType;
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>True for a 0-dim tensor made from a Python-style number (<c>x + 10</c>): it does not promote a float tensor's dtype.</summary>
    public bool IsWrappedNumber { get; private init; }

    /// <summary>The sizes, outermost first.</summary>
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>The number of dimensions.</summary>
    public int Dim => shape.Length;

    /// <summary>The number of elements.</summary>
    public long NumElements => Broadcasting.NumElements(shape);

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long size(int dim) => shape[dim < 0 ? dim + shape.Length : dim];

    /// <summary>The sizes as a new array (TorchSharp's <c>shape</c>).</summary>
    public long[] shapeArray() => Array.ConvertAll(shape, s => (long)s);

    /// <summary>Row-major strides of this contiguous tensor.</summary>
    public int[] Strides()
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= Math.Max(shape[i], 1);
        }

        return strides;
    }

    /// <summary>A float32 tensor over <paramref name="data"/> (not copied: the tensor owns it from now on).</summary>
    public static Tensor FromArray(float[] data, params int[] shape) => Create(data, shape, DType.Float32);

    /// <summary>An int64 tensor over <paramref name="data"/> (not copied).</summary>
    public static Tensor FromArray(long[] data, params int[] shape) => Create(data, shape, DType.Int64);

    /// <summary>A bool tensor over <paramref name="data"/> (not copied).</summary>
    public static Tensor FromArray(bool[] data, params int[] shape) => Create(data, shape, DType.Bool);

    /// <summary>An uninitialised-looking (zeroed) tensor of the given dtype and shape.</summary>
    public static Tensor Empty(DType dtype, ReadOnlySpan<int> shape)
    {
        foreach (int s in shape)
            if (s < 0) throw new ArgumentException($"negative size in shape [{string.Join(", ", shape.ToArray())}]");
        long n = Broadcasting.NumElements(shape);
        if (n > Array.MaxLength) throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] has {n} elements, more than an array holds");
        Array storage = dtype switch
        {
            DType.Float32 => new float[n],
            DType.Int64 => new long[n],
            DType.Bool => new bool[n],
            _ => throw new NotSupportedException($"dtype {dtype} is not supported"),
        };
        return new Tensor(storage, shape.ToArray(), dtype);
    }

    /// <summary>A 0-dim tensor holding a number, marked as a wrapped number (PyTorch's <c>scalar_to_tensor</c>).</summary>
    public static Tensor WrapNumber(Scalar value) => value.Kind switch
    {
        ScalarKind.Float => new Tensor(new[] { value.ToSingle() }, [], DType.Float32) { IsWrappedNumber = true },
        ScalarKind.Bool => new Tensor(new[] { value.ToInt64() != 0 }, [], DType.Bool) { IsWrappedNumber = true },
        _ => new Tensor(new[] { value.ToInt64() }, [], DType.Int64) { IsWrappedNumber = true },
    };

    private static Tensor Create(Array data, int[] shape, DType dtype)
    {
        ArgumentNullException.ThrowIfNull(data);
        long n = Broadcasting.NumElements(shape);
        if (n != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {n} elements but the array has {data.Length}");
        return new Tensor(data, (int[])shape.Clone(), dtype);
    }

    /// <summary>The float32 elements (row-major). Throws for other dtypes.</summary>
    public Span<float> Float32Span => storage is float[] f ? f : throw DTypeMismatch(DType.Float32);

    /// <summary>The int64 elements (row-major). Throws for other dtypes.</summary>
    public Span<long> Int64Span => storage is long[] l ? l : throw DTypeMismatch(DType.Int64);

    /// <summary>The bool elements (row-major). Throws for other dtypes.</summary>
    public Span<bool> BoolSpan => storage is bool[] b ? b : throw DTypeMismatch(DType.Bool);

    /// <summary>A copy of the elements as <typeparamref name="T"/> (float, long or bool, matching the dtype).</summary>
    public T[] data<T>() => storage is T[] a ? (T[])a.Clone() : throw new InvalidOperationException($"tensor of dtype {DTypes.TorchName(DType)} read as {typeof(T).Name}");

    /// <summary>The elements as float32, converting int64 and bool.</summary>
    public float[] ToArray() => storage switch
    {
        float[] f => (float[])f.Clone(),
        long[] l => Array.ConvertAll(l, v => (float)v),
        bool[] b => Array.ConvertAll(b, v => v ? 1f : 0f),
        _ => throw new InvalidOperationException("unknown storage"),
    };

    internal Scalar ItemValue()
    {
        if (NumElements != 1)
            throw new InvalidOperationException($"a Tensor with {NumElements} elements cannot be converted to Scalar");
        return storage switch
        {
            float[] f => Scalar.FromDouble(f[0]),
            long[] l => Scalar.FromInt64(l[0]),
            bool[] b => Scalar.FromBool(b[0]),
            _ => throw new InvalidOperationException("unknown storage"),
        };
    }

    /// <summary>The single element of a one-element tensor read as <typeparamref name="T"/>.</summary>
    public T item<T>() => storage is T[] a && a.Length == 1
        ? a[0]
        : throw new InvalidOperationException($"item<{typeof(T).Name}>() needs a one-element {typeof(T).Name} tensor, got {this.Describe()}");

    /// <summary>Shape and dtype as error messages print them: <c>Float[2, 3]</c>.</summary>
    public string Describe() => $"{DTypes.TorchName(DType)}[{string.Join(", ", shape)}]";

    /// <summary>True when both tensors have the same dtype, shape and bitwise-equal elements (NaN equals NaN).</summary>
    public bool BitEquals(Tensor other)
    {
        if (DType != other.DType || !Shape.SequenceEqual(other.Shape)) return false;
        return storage switch
        {
            float[] f => MemoryMarshal.AsBytes(f.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(other.Float32Span)),
            long[] l => l.AsSpan().SequenceEqual(other.Int64Span),
            bool[] b => b.AsSpan().SequenceEqual(other.BoolSpan),
            _ => false,
        };
    }

    private InvalidOperationException DTypeMismatch(DType wanted) =>
        new($"expected a {DTypes.TorchName(wanted)} tensor, got {Describe()}");

    /// <inheritdoc/>
    public override string ToString() => TensorFormatter.Format(this);
}
