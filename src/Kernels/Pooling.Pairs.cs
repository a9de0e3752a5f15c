using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// The 2x2 stride-2 window without padding or dilation (the usual "pool by 2") takes a short cut past Note
// [Pooling rows then columns]: per output vector, combine two vectors of each of the two input rows
// lane-wise, unzip the result into even and odd columns, and combine those. No row buffer, no per-row
// set-up; for small planes the generic path's per-row overhead is most of its time. Averages divide the sum
// by 4: with no padding every window has 4 real inputs, whatever count_include_pad says.
public static partial class Pooling
{
    /// <summary>Runs the 2x2/2 short cut if the window is one and every window lies inside the input.</summary>
    private static bool TryPoolPairs<TOp>(ReadOnlySpan<float> x, Span<float> y, in PoolWindow win, bool averaging, VectorWidth resolved)
        where TOp : IPoolOperator
    {
        bool pairs = win.KH == 2 && win.KW == 2 && win.SH == 2 && win.SW == 2 && win.PH == 0 && win.PW == 0 &&
            win.DH == 1 && win.DW == 1 && 2 * win.OutH <= win.H && 2 * win.OutW <= win.W;
        VectorWidth width = VectorWidths.FitLength(resolved, win.OutW);
        if (!pairs || width == VectorWidth.Scalar)
        {
            return false;
        }

        long planes = (long)win.N * win.C;
        if (planes == 0)
        {
            return true;
        }

        // Bounds for the ref arithmetic below: the last plane's last output, and the last input it reads.
        _ = x[(int)((planes * win.H * win.W) - 1)];
        _ = y[(int)((planes * win.OutH * win.OutW) - 1)];
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        switch (width)
        {
            case VectorWidth.V512: PairsLoop<TOp, Simd512, Vector512<float>>(ref xr, ref yr, in win, planes, averaging); break;
            case VectorWidth.V256: PairsLoop<TOp, Simd256, Vector256<float>>(ref xr, ref yr, in win, planes, averaging); break;
            default: PairsLoop<TOp, Simd128, Vector128<float>>(ref xr, ref yr, in win, planes, averaging); break;
        }

        return true;
    }

    // Requires OutW >= TSimd.Count and 2 OutW <= W, so the two loads of the last (overlapping) vector end
    // at input column 2 OutW - 1.
    private static void PairsLoop<TOp, TSimd, TVec>(ref float x, ref float y, in PoolWindow win, long planes, bool averaging)
        where TOp : IPoolOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint w = (nuint)win.W, outW = (nuint)win.OutW;
        TVec quarter = TSimd.Broadcast(0.25f);
        nint inPlane = (nint)win.H * win.W;
        for (long p = 0; p < planes; p++)
        {
            ref float plane = ref Unsafe.Add(ref x, (nint)p * inPlane);
            for (int oy = 0; oy < win.OutH; oy++)
            {
                ref float row0 = ref Unsafe.Add(ref plane, (nint)(2 * oy) * win.W);
                ref float row1 = ref Unsafe.Add(ref row0, w);
                for (nuint j = 0; j < outW; j += c)
                {
                    nuint at = Math.Min(j, outW - c);
                    TVec lo = TOp.Invoke<TSimd, TVec>(TSimd.Load(ref row0, 2 * at), TSimd.Load(ref row1, 2 * at));
                    TVec hi = TOp.Invoke<TSimd, TVec>(TSimd.Load(ref row0, (2 * at) + c), TSimd.Load(ref row1, (2 * at) + c));
                    TSimd.UnzipEvenOdd(lo, hi, out TVec even, out TVec odd);
                    TVec v = TOp.Invoke<TSimd, TVec>(even, odd);

                    // x * 0.25 is exactly x / 4 (a power of two), PyTorch's sum / divide_factor.
                    TSimd.Store(averaging ? TSimd.Multiply(v, quarter) : v, ref y, at);
                }

                y = ref Unsafe.Add(ref y, outW);
            }
        }
    }
}
