namespace TorchJit.Kernels;

// Width-generic loops with float outputs. Each requires n >= TSimd.Count; see Note [Elementwise tails].
public static partial class Elementwise
{
    private static void UnaryLoop<TOp, TSimd, TVec>(ref float x, ref float d, int n)
        where TOp : IUnaryOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint last = end - c;

        // Before the loop, so an in-place call still reads the original inputs in the overlap.
        TVec tail = TSimd.Unary<TOp>(TSimd.Load(ref x, last));

        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            TVec r0 = TSimd.Unary<TOp>(TSimd.Load(ref x, i));
            TVec r1 = TSimd.Unary<TOp>(TSimd.Load(ref x, i + c));
            TVec r2 = TSimd.Unary<TOp>(TSimd.Load(ref x, i + (2 * c)));
            TVec r3 = TSimd.Unary<TOp>(TSimd.Load(ref x, i + (3 * c)));
            TSimd.Store(r0, ref d, i);
            TSimd.Store(r1, ref d, i + c);
            TSimd.Store(r2, ref d, i + (2 * c));
            TSimd.Store(r3, ref d, i + (3 * c));
        }

        for (; i + c <= end; i += c)
        {
            TSimd.Store(TSimd.Unary<TOp>(TSimd.Load(ref x, i)), ref d, i);
        }

        TSimd.Store(tail, ref d, last);
    }

    private static void BinaryLoop<TOp, TSimd, TVec>(ref float x, ref float y, ref float d, int n)
        where TOp : IBinaryOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint last = end - c;
        TVec tail = TSimd.Binary<TOp>(TSimd.Load(ref x, last), TSimd.Load(ref y, last));

        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            TVec r0 = TSimd.Binary<TOp>(TSimd.Load(ref x, i), TSimd.Load(ref y, i));
            TVec r1 = TSimd.Binary<TOp>(TSimd.Load(ref x, i + c), TSimd.Load(ref y, i + c));
            TVec r2 = TSimd.Binary<TOp>(TSimd.Load(ref x, i + (2 * c)), TSimd.Load(ref y, i + (2 * c)));
            TVec r3 = TSimd.Binary<TOp>(TSimd.Load(ref x, i + (3 * c)), TSimd.Load(ref y, i + (3 * c)));
            TSimd.Store(r0, ref d, i);
            TSimd.Store(r1, ref d, i + c);
            TSimd.Store(r2, ref d, i + (2 * c));
            TSimd.Store(r3, ref d, i + (3 * c));
        }

        for (; i + c <= end; i += c)
        {
            TSimd.Store(TSimd.Binary<TOp>(TSimd.Load(ref x, i), TSimd.Load(ref y, i)), ref d, i);
        }

        TSimd.Store(tail, ref d, last);
    }

    private static void BinaryScalarRightLoop<TOp, TSimd, TVec>(ref float x, float y, ref float d, int n)
        where TOp : IBinaryOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint last = end - c;
        TVec yv = TSimd.Broadcast(y);
        TVec tail = TSimd.Binary<TOp>(TSimd.Load(ref x, last), yv);

        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            TVec r0 = TSimd.Binary<TOp>(TSimd.Load(ref x, i), yv);
            TVec r1 = TSimd.Binary<TOp>(TSimd.Load(ref x, i + c), yv);
            TVec r2 = TSimd.Binary<TOp>(TSimd.Load(ref x, i + (2 * c)), yv);
            TVec r3 = TSimd.Binary<TOp>(TSimd.Load(ref x, i + (3 * c)), yv);
            TSimd.Store(r0, ref d, i);
            TSimd.Store(r1, ref d, i + c);
            TSimd.Store(r2, ref d, i + (2 * c));
            TSimd.Store(r3, ref d, i + (3 * c));
        }

        for (; i + c <= end; i += c)
        {
            TSimd.Store(TSimd.Binary<TOp>(TSimd.Load(ref x, i), yv), ref d, i);
        }

        TSimd.Store(tail, ref d, last);
    }

    private static void BinaryScalarLeftLoop<TOp, TSimd, TVec>(float x, ref float y, ref float d, int n)
        where TOp : IBinaryOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint last = end - c;
        TVec xv = TSimd.Broadcast(x);
        TVec tail = TSimd.Binary<TOp>(xv, TSimd.Load(ref y, last));

        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            TVec r0 = TSimd.Binary<TOp>(xv, TSimd.Load(ref y, i));
            TVec r1 = TSimd.Binary<TOp>(xv, TSimd.Load(ref y, i + c));
            TVec r2 = TSimd.Binary<TOp>(xv, TSimd.Load(ref y, i + (2 * c)));
            TVec r3 = TSimd.Binary<TOp>(xv, TSimd.Load(ref y, i + (3 * c)));
            TSimd.Store(r0, ref d, i);
            TSimd.Store(r1, ref d, i + c);
            TSimd.Store(r2, ref d, i + (2 * c));
            TSimd.Store(r3, ref d, i + (3 * c));
        }

        for (; i + c <= end; i += c)
        {
            TSimd.Store(TSimd.Binary<TOp>(xv, TSimd.Load(ref y, i)), ref d, i);
        }

        TSimd.Store(tail, ref d, last);
    }
}
