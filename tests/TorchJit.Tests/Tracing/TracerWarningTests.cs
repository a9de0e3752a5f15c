using System.Runtime.CompilerServices;
using static TorchJit.torch;

namespace TorchJit.Tests.Tracing;

/// <summary>
/// Where a trace can be silently wrong, a <see cref="TracerWarning"/> names the user's file and line: a
/// tensor turned into a C# bool, number or array, and tensor data that becomes a constant of the graph.
/// Conversions inside TorchJit's own code (op implementations reading operands) are not reported, as
/// PyTorch ignores tracer warnings raised inside <c>torch</c>.
/// </summary>
public sealed class TracerWarningTests
{
    private const string Consequence =
        " might cause the trace to be incorrect. We can't record the data flow of C# values, so this value will be treated as a constant in the future. " +
        "This means that the trace might not generalize to other inputs!";

    [Fact]
    public void Item()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            line = Line(); var v = x.sum().item();
            return x * v;
        });

        Assert.Equal("Converting a tensor to a C# number (item())" + Consequence, w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void TypedItem()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            line = Line(); float v = x.sum().item<float>();
            return x * v;
        });

        Assert.Equal("Converting a tensor to a C# number (item<float>())" + Consequence, w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void ExplicitBoolConversion()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            line = Line(); bool positive = (bool)(x.sum() > 0);
            return positive ? x : -x;
        });

        Assert.Equal("Converting a tensor to a C# bool" + Consequence, w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void IfOnATensor()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            line = Line(); if (x.sum() > 10) return x;
            return x + 10;
        });

        Assert.Equal("Converting a tensor to a C# bool" + Consequence, w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void ToArray()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            line = Line(); float[] values = x.ToArray();
            return x * values[0];
        });

        Assert.Equal("Converting a tensor to a C# array (ToArray())" + Consequence, w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void Data()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            line = Line(); var values = x.data<float>();
            return x * values.Max();
        });

        Assert.Equal("Converting a tensor to a C# array (data<float>())" + Consequence, w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void CopyTo()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            var buffer = new float[6];
            line = Line(); x.CopyTo(buffer);
            return x * buffer[0];
        });

        Assert.Equal("Converting a tensor to a C# array (CopyTo(Span<float>))" + Consequence, w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void ATensorMadeFromDataBecomesAConstant()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            var scale = tensor([1f, 2f, 3f], 3);
            line = Line(); return x * scale;
        });

        Assert.StartsWith("A Float[3] tensor that is not an input, a parameter or buffer, nor the result of a traced op", w.Message);
        Assert.EndsWith("is registered as a constant in the trace. You can safely ignore this warning if its data would be the same every time " +
            "you call this function. In any other case, this might cause the trace to be incorrect.", w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void AFactoryTensorBecomesAConstantToo()
    {
        int line = 0;
        var w = SingleWarning(x =>
        {
            line = Line(); return x + ones(2, 3);
        });

        Assert.StartsWith("A Float[2, 3] tensor that is not an input", w.Message);
        AssertAt(w, line);
    }

    [Fact]
    public void NumbersAndLibraryInternalsRaiseNoWarning()
    {
        // 10 becomes a wrapped 0-dim constant, as PyTorch traces it; cat reads its operands' data inside the
        // library; printing a tensor reads its data for the text.
        var warnings = Warnings(x =>
        {
            _ = x.ToString();
            return cat([x + 10, 2 * x, x.t().contiguous().t()], 0);
        });

        Assert.Empty(warnings);
    }

    [Fact]
    public void AnUnusedConversionStillWarnsButAnUnusedDataTensorDoesNot()
    {
        // The branch was taken, so the warning stands; the tensor never reached the graph, so no constant was baked in.
        var warnings = Warnings(x =>
        {
            _ = tensor([1f], 1) * 2;
            return (bool)(x.sum() > 100) ? x : x * 2;
        });

        Assert.Equal(["Converting a tensor to a C# bool" + Consequence], warnings.Select(w => w.Message));
    }

    [Fact]
    public void WarningsPrintAsPythonPrintsThem()
    {
        var w = new TracerWarning("message", "/src/Model.cs", 12);

        Assert.Equal("Model.cs:12: TracerWarning: message", w.ToString());
    }

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static void AssertAt(TracerWarning w, int line)
    {
        Assert.EndsWith(nameof(TracerWarningTests) + ".cs", w.File);
        Assert.Equal(line, w.Line);
    }

    private static TracerWarning SingleWarning(Func<Tensor, Tensor> forward) => Assert.Single(Warnings(forward));

    private static List<TracerWarning> Warnings(Func<Tensor, Tensor> forward)
    {
        var warnings = new List<TracerWarning>();
        var traced = Jit.Trace(new LambdaModule(forward), rand(2, 3), warnings.Add);
        Assert.Equal(warnings, traced.Warnings);
        return warnings;
    }
}

/// <summary>A module whose forward is a lambda (so a test can trace a few lines of its own).</summary>
internal sealed class LambdaModule(Func<Tensor, Tensor> body) : torch.nn.Module<Tensor, Tensor>(nameof(LambdaModule))
{
    public override Tensor forward(Tensor input) => body(input);
}
