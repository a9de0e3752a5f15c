namespace TorchJit.Kernels;

/// <summary>
/// Lane-bit and integer-on-float-lane operations the elementwise math (<see cref="VectorMath"/>) needs. The
/// vector type stays the float vector: "Int32" members reinterpret each lane's bits as an int32, so exponent
/// tricks (2^n by shifting n into the exponent field) need no second vector type parameter.
/// </summary>
internal partial interface ISimd<TVec>
{
    static abstract TVec BitwiseAnd(TVec x, TVec y);

    static abstract TVec BitwiseOr(TVec x, TVec y);

    static abstract TVec BitwiseXor(TVec x, TVec y);

    /// <summary>x &amp; ~y.</summary>
    static abstract TVec BitwiseAndNot(TVec x, TVec y);

    /// <summary>All-ones lanes where x == y (IEEE: false for NaN, -0 == +0).</summary>
    static abstract TVec EqualsMask(TVec x, TVec y);

    /// <summary>All-ones lanes where x &lt;= y (false for NaN).</summary>
    static abstract TVec LessThanOrEqualMask(TVec x, TVec y);

    /// <summary>Rounds to the nearest integer, ties to even.</summary>
    static abstract TVec RoundToEven(TVec x);

    /// <summary>Rounds toward zero.</summary>
    static abstract TVec Truncate(TVec x);

    /// <summary>Every lane holds the bits of <paramref name="value"/>.</summary>
    static abstract TVec Int32Broadcast(int value);

    static abstract TVec Int32Add(TVec x, TVec y);

    static abstract TVec Int32Subtract(TVec x, TVec y);

    static abstract TVec Int32ShiftLeft(TVec x, int count);

    static abstract TVec Int32ShiftRightArithmetic(TVec x, int count);

    /// <summary>Converts int32 lanes to float values.</summary>
    static abstract TVec Int32ToSingle(TVec x);

    /// <summary>
    /// Converts float lanes to int32 lanes, truncating. Callers keep lanes within int32 range (out-of-range and
    /// NaN lanes give a platform-specific value, which callers must not let reach a result).
    /// </summary>
    static abstract TVec SingleToInt32(TVec x);

    /// <summary>Reads one bool byte per lane; a lane is all ones where its byte is nonzero.</summary>
    static abstract TVec LoadBoolsAsMask(ref byte source, nuint index);
}
