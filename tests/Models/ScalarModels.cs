using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// int, long and double arithmetic on sizes, conversions both ways, and number operands of tensor ops.
public sealed class ScalarArithmeticModel : nn.Module<Tensor, Tensor>
{
    public ScalarArithmeticModel() : base(nameof(ScalarArithmeticModel)) { }
    public override Tensor forward(Tensor x)
    {
        long n = x.size(1);
        int m = (int)x.Shape[0];
        double s = 1.0 / (n + 1);
        int q = (int)n / 2, r = (int)n % 3;
        int k = -m * 7 / 3 % 4;
        double f = -s * 2.5 % 0.7;
        long total = (long)(x.sum().item().ToDouble() * 10);
        long mixed = total / 3 + total % 3;
        return x * s + f + q - r + k + mixed + (double)n / 4 + x.Dim;
    }
}

// C#'s truncating / and % on negative numbers (not Python's flooring // and %), as exact integers.
public sealed class IntDivModModel : nn.Module<Tensor, Tensor>
{
    public IntDivModModel() : base(nameof(IntDivModModel)) { }
    public override Tensor forward(Tensor x)
    {
        long t = (long)(x.sum().item().ToDouble() * 7);
        long q = t / 4;
        long r = t % 4;
        int small = (int)t;
        int h = small / -3 + small % -3;
        return x * 0 + (q * 100 + r * 10 + h);
    }
}

// double math: Math.Sqrt, %, unordered comparisons (!(a < b)), negation.
public sealed class FloatMathModel : nn.Module<Tensor, Tensor>
{
    public FloatMathModel() : base(nameof(FloatMathModel)) { }
    public override Tensor forward(Tensor x)
    {
        double a = x.mean().item().ToDouble();
        double b = Math.Sqrt(a * a + 1) * 3 % 1.25;
        double c = -a;
        if (!(a < b)) c = c * 2;
        double d = a >= 0 ? Math.Exp(-a) : Math.Log(1 - a);
        return x * b + c - d;
    }
}

// bool locals with &, |, ^, !, == and a data-dependent bool.
public sealed class BoolLogicModel : nn.Module<Tensor, Tensor>
{
    public BoolLogicModel() : base(nameof(BoolLogicModel)) { }
    public override Tensor forward(Tensor x)
    {
        bool positive = (bool)(x.sum() > 0);
        bool wide = x.size(1) > 2;
        bool both = positive & wide;
        bool either = positive | !wide;
        bool differ = positive ^ either;
        bool same = both == differ;
        if (same) x = x + 1;
        if (differ || !either) x = x * 3;
        return x;
    }
}

// && and || short-circuit: the right side runs only when needed (10 / k would divide by zero).
public sealed class ShortCircuitModel : nn.Module<Tensor, Tensor>
{
    public ShortCircuitModel() : base(nameof(ShortCircuitModel)) { }
    public override Tensor forward(Tensor x)
    {
        int k = (int)x.sum().item().ToDouble();
        if (k != 0 && 10 / k > 2) x = x + 10 / k;
        if (k == 0 || 12 % k == 0) x = x * 2;
        if ((bool)(x.max() > 1) && ((bool)(x.min() < 0) || k > 3)) x = x - 1;
        return x;
    }
}

// Nested ternaries on ints and doubles.
public sealed class TernaryScalarsModel : nn.Module<Tensor, Tensor>
{
    public TernaryScalarsModel() : base(nameof(TernaryScalarsModel)) { }
    public override Tensor forward(Tensor x)
    {
        double m = x.mean().item().ToDouble();
        int bucket = m < -0.5 ? 0 : m < 0.5 ? 1 : m < 1.5 ? 2 : 3;
        double weight = bucket == 0 ? -1.0 : bucket == 3 ? 0.5 : bucket * 1.5;
        return x * weight + bucket;
    }
}

// A switch statement on a number read from the data (C# may compile it to range checks and a jump table).
public sealed class SwitchModel : nn.Module<Tensor, Tensor>
{
    public SwitchModel() : base(nameof(SwitchModel)) { }
    public override Tensor forward(Tensor x)
    {
        switch ((long)x.sum().item().ToDouble())
        {
            case 1: return x;
            case 2:
            case 3: return x * 3;
            case 7: x = x + 7; break;
            default: x = -x; break;
        }

        return x * 2;
    }
}

// An integer (int64) result, compared exactly: argmax per row plus a count made in a loop.
public sealed class ArgmaxCountModel : nn.Module<Tensor, Tensor>
{
    public ArgmaxCountModel() : base(nameof(ArgmaxCountModel)) { }
    public override Tensor forward(Tensor x)
    {
        var index = x.argmax(1);
        int positives = 0;
        for (long i = 0; i < x.size(0); i++)
        {
            if (x.select(0, i).sum() > 0) positives = positives + 1;
        }

        return index * 10 + positives;
    }
}
