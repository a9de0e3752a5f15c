using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// for (int i = 0; i < 3; i++): prim::Loop(3, true) with the counter used as a number.
public sealed class ForLoopModel : nn.Module<Tensor, Tensor>
{
    public ForLoopModel() : base(nameof(ForLoopModel)) { }
    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < 3; i++) x = x * 2 + i;
        return x;
    }
}

// while with && on data and a counter: the condition is evaluated before the loop and after each iteration.
public sealed class WhileModel : nn.Module<Tensor, Tensor>
{
    public WhileModel() : base(nameof(WhileModel)) { }
    public override Tensor forward(Tensor x)
    {
        int steps = 0;
        while ((bool)(x.abs().sum() < 50) && steps < 8)
        {
            x = x * 2;
            steps = steps + 1;
        }

        return x + steps;
    }
}

// do/while: the body runs at least once.
public sealed class DoWhileModel : nn.Module<Tensor, Tensor>
{
    public DoWhileModel() : base(nameof(DoWhileModel)) { }
    public override Tensor forward(Tensor x)
    {
        int n = 0;
        do
        {
            x = x * 0.5 + 1;
            n++;
        }
        while ((bool)(x.abs().sum() > 3) && n < 8);
        return x * n;
    }
}

// continue on a scalar test, break on data.
public sealed class BreakContinueModel : nn.Module<Tensor, Tensor>
{
    public BreakContinueModel() : base(nameof(BreakContinueModel)) { }
    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < 10; i++)
        {
            if (i % 2 == 1) continue;
            x = x + i;
            if (x.sum() > 20) break;
        }

        return x;
    }
}

// return from inside a loop: the loop carries the returned value out.
public sealed class ReturnInLoopModel : nn.Module<Tensor, Tensor>
{
    public ReturnInLoopModel() : base(nameof(ReturnInLoopModel)) { }
    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < 5; i++)
        {
            x = x * 2;
            if (x.sum() > 30) return x - 1;
        }

        return x;
    }
}

// Nested loops, the inner bound depends on the outer counter, break in the inner loop.
public sealed class NestedLoopsModel : nn.Module<Tensor, Tensor>
{
    public NestedLoopsModel() : base(nameof(NestedLoopsModel)) { }
    public override Tensor forward(Tensor x)
    {
        var acc = x;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                if (acc.sum() > 100) break;
                acc = acc + x * j;
            }

            acc = acc - i;
        }

        return acc;
    }
}

// while (true) with two breaks; a local first assigned in the loop is used after it.
public sealed class WhileTrueModel : nn.Module<Tensor, Tensor>
{
    public WhileTrueModel() : base(nameof(WhileTrueModel)) { }
    public override Tensor forward(Tensor x)
    {
        int n = 0;
        Tensor y;
        while (true)
        {
            y = x * 2;
            n = n + 1;
            if ((bool)(y.sum() > 10) || n >= 4) break;
            x = y - 1;
        }

        return y + n;
    }
}

// A loop bounded by a size, starting at 1: prim::Loop(size - 1, true).
public sealed class ShapeLoopModel : nn.Module<Tensor, Tensor>
{
    public ShapeLoopModel() : base(nameof(ShapeLoopModel)) { }
    public override Tensor forward(Tensor x)
    {
        var acc = x.select(0, 0);
        for (long i = 1; i < x.Shape[0]; i++) acc = acc + x.select(0, i) * i;
        return acc;
    }
}

// An if/else on data inside a loop.
public sealed class LoopWithIfModel : nn.Module<Tensor, Tensor>
{
    public LoopWithIfModel() : base(nameof(LoopWithIfModel)) { }
    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < 4; i++)
        {
            if (x.sum() > 0) x = x - 1.5;
            else x = x * -2 + i;
        }

        return x;
    }
}

// Loops inside the arms of an if.
public sealed class IfWithLoopModel : nn.Module<Tensor, Tensor>
{
    public IfWithLoopModel() : base(nameof(IfWithLoopModel)) { }
    public override Tensor forward(Tensor x)
    {
        if (x.mean() > 0.3)
        {
            for (int i = 0; i < 2; i++) x = x.relu() + i;
        }
        else
        {
            int k = 0;
            while (k < 3 && (bool)(x.max() < 4)) { x = x + 1; k = k + 1; }
        }

        return x;
    }
}

// A counting-down loop with step 2 (not a range): a while-shaped prim::Loop.
public sealed class CountdownModel : nn.Module<Tensor, Tensor>
{
    public CountdownModel() : base(nameof(CountdownModel)) { }
    public override Tensor forward(Tensor x)
    {
        for (long i = x.size(1) * 2; i > 0; i -= 2) x = x + i * 0.25;
        return x;
    }
}

// A trip count read from the data: the loop may run zero times.
public sealed class DataTripCountModel : nn.Module<Tensor, Tensor>
{
    public DataTripCountModel() : base(nameof(DataTripCountModel)) { }
    public override Tensor forward(Tensor x)
    {
        long k = (long)x.sum().item().ToDouble();
        var y = x;
        for (long i = 0; i < k; i++) y = y * 0.5 + i;
        return y + k;
    }
}

// return from inside an inner loop: an exit through two loops.
public sealed class ReturnFromNestedLoopsModel : nn.Module<Tensor, Tensor>
{
    public ReturnFromNestedLoopsModel() : base(nameof(ReturnFromNestedLoopsModel)) { }
    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x = x + j;
                if (x.max() > 6) return x * i;
            }

            x = x - 2;
        }

        return -x;
    }
}

// int, double and bool carried through a loop, next to a tensor.
public sealed class LoopCarriedScalarsModel : nn.Module<Tensor, Tensor>
{
    public LoopCarriedScalarsModel() : base(nameof(LoopCarriedScalarsModel)) { }
    public override Tensor forward(Tensor x)
    {
        int count = 0;
        double acc = 0.5;
        bool odd = false;
        for (int i = 0; i < 5; i++)
        {
            acc = acc * 1.5 + x.sum().item().ToDouble();
            odd = !odd;
            if (odd) count = count + i;
            x = x * 0.9;
        }

        return odd ? x * acc + count : x - count;
    }
}

// continue inside a while loop.
public sealed class ContinueInWhileModel : nn.Module<Tensor, Tensor>
{
    public ContinueInWhileModel() : base(nameof(ContinueInWhileModel)) { }
    public override Tensor forward(Tensor x)
    {
        int i = 0;
        while (i < 6)
        {
            i = i + 1;
            if (x.sum() < 0)
            {
                x = x + 1;
                continue;
            }

            x = x * 0.75;
        }

        return x;
    }
}

// Returns at several depths: after ifs, in a loop, in a nested loop next to a break.
public sealed class EarlyReturnChainModel : nn.Module<Tensor, Tensor>
{
    public EarlyReturnChainModel() : base(nameof(EarlyReturnChainModel)) { }
    public override Tensor forward(Tensor x)
    {
        var s = x.sum();
        if (s > 4) return x * 4;
        if (s > 2)
        {
            x = x * 2;
            if (x.max() > 3) return x;
        }
        else if (s < -2)
        {
            return -x;
        }

        for (int i = 0; i < 4; i++)
        {
            if (x.sum() > 6) return x + i;
            for (int j = 0; j < 3; j++)
            {
                x = x + 0.5;
                if (j == i) break;
                if (x.max() > 5) return x - j;
            }
        }

        return x;
    }
}
