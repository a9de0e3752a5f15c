namespace TorchJit.Kernels;

/// <summary>Element types a tensor buffer can hold.</summary>
public enum DType
{
    /// <summary>IEEE 754 binary32 (<c>torch.float32</c>).</summary>
    Float32,

    /// <summary>Signed 64-bit integer (<c>torch.int64</c>).</summary>
    Int64,

    /// <summary>Boolean stored as one byte, 0 or 1 (<c>torch.bool</c>).</summary>
    Bool,
}

/// <summary>Facts about <see cref="DType"/> values.</summary>
public static class DTypes
{
    /// <summary>Size in bytes of one element of <paramref name="t"/>.</summary>
    public static int ElementSize(DType t) => t switch
    {
        DType.Float32 => sizeof(float),
        DType.Int64 => sizeof(long),
        DType.Bool => sizeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown dtype"),
    };

    /// <summary>PyTorch's scalar-type name as printed in TorchScript IR (<c>Float(2, 3)</c>): "Float", "Long", "Bool".</summary>
    public static string TorchName(DType t) => t switch
    {
        DType.Float32 => "Float",
        DType.Int64 => "Long",
        DType.Bool => "Bool",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown dtype"),
    };
}
