using Opt = TorchJit.Tests.Models.Optimized;
using Unopt = TorchJit.Tests.Models.Unoptimized;

namespace TorchJit.Tests.Frontend;

/// <summary>
/// What scripting cannot keep, it refuses: naming the method, file:line:col and the statement with a caret.
/// Each model in tests/Models/Unsupported.cs marks its offending line with <c>// refused</c>; a Release build
/// may report a neighbouring line where it merged statements (an async method's body starts a line later).
/// </summary>
public sealed class ScriptErrorTests
{
    // Model, method, reason, and how far from the marked line a Release build reports it.
    private static readonly (string Model, string Method, string Reason, int ReleaseOffset)[] Cases =
    [
        (nameof(Unopt.ConsoleModel), "forward", "call to Console.WriteLine is not supported in scripted code", 0),
        (nameof(Unopt.TryCatchModel), "forward", "try/catch cannot be scripted", 0),
        (nameof(Unopt.LambdaModel), "forward", "lambdas and delegates cannot be scripted", 0),
        (nameof(Unopt.OutArgumentModel), "forward", "ref/out/in arguments cannot be scripted", 0),
        (nameof(Unopt.ListLocalModel), "forward", "List", 0),
        (nameof(Unopt.AsyncExportModel), "EncodeAsync", "async methods and iterators cannot be scripted", 1),
        (nameof(Unopt.IgnoredCallModel), "forward", "IgnoredCallModel.Debug is marked [Ignore]", 0),
        (nameof(Unopt.RecursionModel), "Halve", "recursion cannot be scripted", 0),
        (nameof(Unopt.SingleArithmeticModel), "forward", "float (System.Single) arithmetic rounds to 32 bits", 0),
        (nameof(Unopt.BreakInModuleLoopModel), "forward", "the loop is unrolled", 0),
        (nameof(Unopt.FieldWriteModel), "forward", "writing to a field", 0),
        (nameof(Unopt.CheckedModel), "forward", "checked arithmetic cannot be scripted", 0),
        (nameof(Unopt.StaticFieldModel), "forward", "static field Gain cannot be read", 0),
    ];

    public static TheoryData<string, bool> Refused
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var c in Cases)
            {
                data.Add(c.Model, false);
                data.Add(c.Model, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void IsRefusedWithTheMethodTheLineAndACaret(string model, bool optimized)
    {
        var (_, method, reason, releaseOffset) = Cases.Single(c => c.Model == model);
        AssertRefused(model, optimized, method, reason, optimized ? releaseOffset : 0);
    }

    [Fact]
    public void ScriptingIsNotSupportedExceptionForCallersThatCatchThat() =>
        Assert.IsAssignableFrom<NotSupportedException>(Assert.ThrowsAny<Exception>(() => Jit.Script(new Unopt.ConsoleModel())));

    [Fact]
    public void TheExceptionKeepsTheReasonApartFromTheLocation()
    {
        var e = Assert.Throws<ScriptException>(() => Jit.Script(new Opt.StaticFieldModel()));

        Assert.Equal("StaticFieldModel.forward", e.Method);
        Assert.StartsWith("static field Gain", e.Reason);
        Assert.StartsWith("Cannot script StaticFieldModel.forward: static field Gain", e.Message);
    }

    private static void AssertRefused(string model, bool optimized, string method, string reason, int lineOffset)
    {
        var e = Assert.Throws<ScriptException>(() => Jit.Script(Create(model, optimized)));

        Assert.Equal($"{model}.{method}", e.Method);
        Assert.Contains(reason, e.Message);
        Assert.NotNull(e.Location);
        Assert.Equal("Unsupported.cs", Path.GetFileName(e.Location!.File));
        var lines = File.ReadAllLines(e.Location.File);
        int marked = MarkedLine(lines, model);
        Assert.Equal(marked + lineOffset, e.Location.Line);
        // The message shows the statement and a caret under its column.
        Assert.Contains("\n    " + lines[e.Location.Line - 1].Replace('\t', ' ') + "\n", e.Message);
        Assert.EndsWith("\n    " + new string(' ', e.Location.Column - 1) + "^", e.Message);
    }

    // The 1-based line of the `// refused` comment in the model's class.
    private static int MarkedLine(string[] lines, string model)
    {
        int start = Array.FindIndex(lines, l => l.Contains($"class {model} ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"class {model} not found");
        int marked = Array.FindIndex(lines, start, l => l.Contains("// refused", StringComparison.Ordinal));
        Assert.True(marked >= 0, $"no // refused line in {model}");
        return marked + 1;
    }

    private static torch.nn.Module<Tensor, Tensor> Create(string model, bool optimized)
    {
        var type = (optimized ? typeof(Opt.CondModel) : typeof(Unopt.CondModel)).Assembly
            .GetType($"TorchJit.Tests.Models.{(optimized ? "Optimized" : "Unoptimized")}.{model}", throwOnError: true)!;
        return (torch.nn.Module<Tensor, Tensor>)Activator.CreateInstance(type)!;
    }
}
