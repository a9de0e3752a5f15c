using System.Runtime.InteropServices;
using TorchJit.Ir;
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
    private readonly int[] strides;
    private readonly int offset;

    // Note [Shared version]: every tensor over one storage (a base, its views, a Parameter wrapping it) shares
    // one write counter, as PyTorch's views share their base's version counter, so data derived from any of
    // them (packed weights) sees a copy_ made through any other.
    private readonly VersionCounter version;

    private Tensor(Array storage, int[] shape, int[] strides, int offset, DType dtype, VersionCounter version)
    {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.version = version;
        DType = dtype;
        IsContiguous = ComputeIsContiguous(shape, strides);
    }

    private Tensor(Array storage, int[] shape, DType dtype)
        : this(storage, shape, ContiguousStrides(shape), 0, dtype, new VersionCounter())
    {
    }

    /// <summary>A tensor sharing <paramref name="data"/>'s storage and layout (for subclasses such as <c>Parameter</c>).</summary>
    protected Tensor(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        storage = data.storage;
        shape = data.shape;
        strides = data.strides;
        offset = data.offset;
        version = data.version;
        DType = data.DType;
        IsContiguous = data.IsContiguous;
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>True for a 0-dim tensor made from a Python-style number (<c>x + 10</c>): it does not promote a float tensor's dtype.</summary>
    public bool IsWrappedNumber { get; private init; }

    /// <summary>The sizes, outermost first.</summary>
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>The strides in elements (0 for an expanded dimension).</summary>
    public ReadOnlySpan<int> Stride => strides;

    /// <summary>Where this view starts in its storage, in elements.</summary>
    public int StorageOffset => offset;

    /// <summary>True when the elements lie row-major and dense from <see cref="StorageOffset"/> (size-1 dimensions' strides ignored).</summary>
    public bool IsContiguous { get; }

    /// <summary>The number of dimensions.</summary>
    public int Dim => shape.Length;

    /// <summary>The number of elements.</summary>
    public long NumElements => Broadcasting.NumElements(shape);

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long size(int dim) => shape[Dims.Wrap(dim, shape.Length, "size")];

    /// <summary>The sizes as a new array (TorchSharp's <c>shape</c>).</summary>
    public long[] shapeArray() => Array.ConvertAll(shape, s => (long)s);

    /// <summary>The strides as a new array (PyTorch's <c>stride()</c>).</summary>
    public long[] stride() => Array.ConvertAll(strides, s => (long)s);

    /// <summary>The strides as a new array.</summary>
    public int[] Strides() => (int[])strides.Clone();

    /// <summary>Row-major strides of a dense tensor of this shape.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var result = new int[shape.Length];
        int stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            result[i] = stride;
            stride *= Math.Max(shape[i], 1);
        }

        return result;
    }

    private static bool ComputeIsContiguous(int[] shape, int[] strides)
    {
        long expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 0) return true;
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }

        return true;
    }

    /// <summary>A view of this tensor's storage with another layout (no copy).</summary>
    internal Tensor ViewAs(int[] newShape, int[] newStrides, int newOffset) => new(storage, newShape, newStrides, newOffset, DType, version);

    /// <summary>A float32 tensor over <paramref name="data"/> (not copied: the tensor owns it from now on).</summary>
    public static Tensor FromArray(float[] data, params int[] shape) => Create(data, shape, DType.Float32);

    /// <summary>An int64 tensor over <paramref name="data"/> (not copied).</summary>
    public static Tensor FromArray(long[] data, params int[] shape) => Create(data, shape, DType.Int64);

    /// <summary>A bool tensor over <paramref name="data"/> (not copied).</summary>
    public static Tensor FromArray(bool[] data, params int[] shape) => Create(data, shape, DType.Bool);

    /// <summary>
    /// A float32 tensor whose storage is not zeroed, for op outputs that a kernel overwrites in full. Large
    /// outputs are where zeroing shows: a [64, 512] activation is 128 KB, and clearing it costs as much as the
    /// elementwise op that then writes it.
    /// </summary>
    internal static Tensor UninitializedFloat32(ReadOnlySpan<int> shape)
    {
        long n = Broadcasting.NumElements(shape);
        if (n > Array.MaxLength) return Empty(DType.Float32, shape); // Empty names the shape in its error.
        foreach (int s in shape)
            if (s < 0) return Empty(DType.Float32, shape);
        return new Tensor(GC.AllocateUninitializedArray<float>((int)n), shape.ToArray(), DType.Float32);
    }

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

    /// <summary>The float32 elements of a contiguous tensor, row-major. Throws for other dtypes and for non-contiguous views (call <see cref="contiguous"/>).</summary>
    public Span<float> Float32Span => Elements<float>(DType.Float32);

    /// <summary>The int64 elements of a contiguous tensor, row-major.</summary>
    public Span<long> Int64Span => Elements<long>(DType.Int64);

    /// <summary>The bool elements of a contiguous tensor, row-major.</summary>
    public Span<bool> BoolSpan => Elements<bool>(DType.Bool);

    private Span<T> Elements<T>(DType wanted)
    {
        if (storage is not T[] a) throw DTypeMismatch(wanted);
        if (!IsContiguous) throw new InvalidOperationException($"a non-contiguous view {Describe()} (strides [{string.Join(", ", strides)}]) has no span of its elements: call contiguous() first");
        // An empty view may start past the end of its storage (x[..., 1] of an empty x): it has no elements to span.
        return NumElements == 0 ? Span<T>.Empty : a.AsSpan(offset, (int)NumElements);
    }

    /// <summary>A copy of the elements, row-major, as <typeparamref name="T"/> (float, long or bool, matching the dtype). Data-dependent: a trace warns here.</summary>
    public T[] data<T>()
    {
        if (storage is not T[]) throw new InvalidOperationException($"tensor of dtype {DTypes.TorchName(DType)} read as {typeof(T).Name}");
        if (Dispatch.Observer is not null) Dispatch.ReportRead(this, $"data<{CSharpName(typeof(T))}>()");
        return contiguous().Elements<T>(DType).ToArray();
    }

    /// <summary>The elements as float32, row-major, converting int64 and bool. Data-dependent: a trace warns here.</summary>
    public float[] ToArray()
    {
        Dispatch.ReportRead(this, "ToArray()");
        return ReadFloats();
    }

    // ToArray without telling a tracer: for the library's own reads (printing, type promotion in kernels).
    internal float[] ReadFloats()
    {
        var t = contiguous();
        return t.storage switch
        {
            float[] => t.Float32Span.ToArray(),
            long[] => Array.ConvertAll(t.Int64Span.ToArray(), v => (float)v),
            bool[] => Array.ConvertAll(t.BoolSpan.ToArray(), v => v ? 1f : 0f),
            _ => throw new InvalidOperationException("unknown storage"),
        };
    }

    internal Scalar ItemValue()
    {
        if (NumElements != 1)
            throw new InvalidOperationException($"a Tensor with {NumElements} elements cannot be converted to Scalar");
        // A one-element tensor is always contiguous: its element is at the offset.
        return storage switch
        {
            float[] f => Scalar.FromDouble(f[offset]),
            long[] l => Scalar.FromInt64(l[offset]),
            bool[] b => Scalar.FromBool(b[offset]),
            _ => throw new InvalidOperationException("unknown storage"),
        };
    }

    /// <summary>The single element of a one-element tensor read as <typeparamref name="T"/>. Data-dependent: a trace warns here.</summary>
    public T item<T>()
    {
        if (storage is not T[] a || NumElements != 1)
            throw new InvalidOperationException($"item<{typeof(T).Name}>() needs a one-element {typeof(T).Name} tensor, got {Describe()}");
        if (Dispatch.Observer is not null) Dispatch.ReportRead(this, $"item<{CSharpName(typeof(T))}>()");
        return a[offset];
    }

    private static string CSharpName(Type t) =>
        t == typeof(float) ? "float" : t == typeof(long) ? "long" : t == typeof(bool) ? "bool" : t.Name;

    /// <summary>Shape and dtype as error messages print them: <c>Float[2, 3]</c>.</summary>
    public string Describe() => $"{DTypes.TorchName(DType)}[{string.Join(", ", shape)}]";

    /// <summary>True when both tensors have the same dtype, shape and bitwise-equal elements (NaN equals NaN).</summary>
    public bool BitEquals(Tensor other)
    {
        if (DType != other.DType || !Shape.SequenceEqual(other.Shape)) return false;
        Tensor a = contiguous(), b = other.contiguous();
        return DType switch
        {
            DType.Float32 => MemoryMarshal.AsBytes(a.Float32Span).SequenceEqual(MemoryMarshal.AsBytes(b.Float32Span)),
            DType.Int64 => a.Int64Span.SequenceEqual(b.Int64Span),
            _ => a.BoolSpan.SequenceEqual(b.BoolSpan),
        };
    }

    private InvalidOperationException DTypeMismatch(DType wanted) =>
        new($"expected a {DTypes.TorchName(wanted)} tensor, got {Describe()}");

    /// <inheritdoc/>
    public override string ToString() => TensorFormatter.Format(this);
}
