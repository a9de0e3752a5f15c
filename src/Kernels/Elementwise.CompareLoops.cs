namespace TorchJit.Kernels;

// Width-generic comparison loops writing bool bytes. Each requires n >= TSimd.Count; the last vector
// overlaps the previous one (Note [Elementwise tails]). A bool destination cannot alias the float inputs,
// so, unlike the float loops, the tail needs no precomputation.
public static partial class Elementwise
{
    private static void CompareLoop<TOp, TSimd, TVec>(ref float x, ref float y, ref byte d, int n)
        where TOp : ICompareOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint i = 0;
        for (; i + c <= end; i += c)
        {
            TSimd.StoreMaskAsBools(TSimd.Compare<TOp>(TSimd.Load(ref x, i), TSimd.Load(ref y, i)), ref d, i);
        }

        if (i < end)
        {
            i = end - c;
            TSimd.StoreMaskAsBools(TSimd.Compare<TOp>(TSimd.Load(ref x, i), TSimd.Load(ref y, i)), ref d, i);
        }
    }

    private static void CompareScalarRightLoop<TOp, TSimd, TVec>(ref float x, float y, ref byte d, int n)
        where TOp : ICompareOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        TVec yv = TSimd.Broadcast(y);
        nuint i = 0;
        for (; i + c <= end; i += c)
        {
            TSimd.StoreMaskAsBools(TSimd.Compare<TOp>(TSimd.Load(ref x, i), yv), ref d, i);
        }

        if (i < end)
        {
            i = end - c;
            TSimd.StoreMaskAsBools(TSimd.Compare<TOp>(TSimd.Load(ref x, i), yv), ref d, i);
        }
    }

    private static void CompareScalarLeftLoop<TOp, TSimd, TVec>(float x, ref float y, ref byte d, int n)
        where TOp : ICompareOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        TVec xv = TSimd.Broadcast(x);
        nuint i = 0;
        for (; i + c <= end; i += c)
        {
            TSimd.StoreMaskAsBools(TSimd.Compare<TOp>(xv, TSimd.Load(ref y, i)), ref d, i);
        }

        if (i < end)
        {
            i = end - c;
            TSimd.StoreMaskAsBools(TSimd.Compare<TOp>(xv, TSimd.Load(ref y, i)), ref d, i);
        }
    }
}
