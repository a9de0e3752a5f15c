using TorchJit.Kernels;

namespace TorchJit;

/// <summary>Tensors over a slice of a bigger array: the buffers a compiled plan's per-call arena hands to ops.</summary>
public partial class Tensor
{
    /// <summary>
    /// A contiguous tensor of <paramref name="shape"/> over <paramref name="data"/> from element
    /// <paramref name="offset"/> (not copied: writes through the tensor land in the array). Compiled plans
    /// carve one arena array into the intermediate tensors of a call this way.
    /// </summary>
    /// <exception cref="ArgumentException">The shape does not fit in the array from the offset.</exception>
    public static Tensor OverArray(Array data, int offset, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var dtype = data switch
        {
            float[] => DType.Float32,
            long[] => DType.Int64,
            bool[] => DType.Bool,
            _ => throw new ArgumentException($"OverArray: {data.GetType().Name} is not a float[], long[] or bool[]", nameof(data)),
        };
        foreach (int s in shape)
            if (s < 0) throw new ArgumentException($"OverArray: negative size in shape [{string.Join(", ", shape.ToArray())}]", nameof(shape));
        long n = Broadcasting.NumElements(shape);
        if (offset < 0 || offset + n > data.Length)
            throw new ArgumentException($"OverArray: shape [{string.Join(", ", shape.ToArray())}] from offset {offset} does not fit in {data.Length} elements", nameof(shape));
        var dims = shape.ToArray();
        return new Tensor(data, dims, ContiguousStrides(dims), offset, dtype, new VersionCounter());
    }

    /// <summary>
    /// A tensor whose elements are not initialised (PyTorch's <c>torch.empty</c>): for outputs about to be
    /// overwritten in full, where zeroing would cost as much as writing.
    /// </summary>
    public static Tensor EmptyUninitialized(DType dtype, ReadOnlySpan<int> shape) =>
        dtype == DType.Float32 ? UninitializedFloat32(shape) : Empty(dtype, shape);

    /// <summary>True when both tensors read or write the same storage array (a view and its base, two views of one base).</summary>
    public bool SharesStorageWith(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(storage, other.storage);
    }

    /// <summary>True when this tensor's storage is <paramref name="array"/>.</summary>
    public bool IsOver(Array array) => ReferenceEquals(storage, array);
}
