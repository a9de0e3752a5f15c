using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace TorchJit.Codegen.Emit;

/// <summary>
/// The <c>TORCHJIT_DUMP_IL</c> debug knob (like PyTorch's <c>PYTORCH_JIT_LOG_LEVEL</c>): codegen opens every
/// method's emitter here and closes it when done; the methods the knob selects are also recorded, checked
/// (<see cref="RecordingEmitter.Verify"/>) and printed as readable IL to <see cref="Writer"/>.
/// </summary>
/// <remarks>
/// <c>TORCHJIT_DUMP_IL=&lt;name&gt;[,&lt;name&gt;...]</c> selects by the name codegen gives a method or fusion
/// group, or by the <see cref="DynamicMethod"/>'s own name; a name ending in <c>*</c> is a prefix, and <c>*</c>
/// alone selects all. The variable is read once; tests and the CLI set <see cref="Selection"/> instead.
/// </remarks>
public static class ILDump
{
    /// <summary>The environment variable read for the initial <see cref="Selection"/>.</summary>
    public const string EnvironmentVariable = "TORCHJIT_DUMP_IL";

    private static readonly Lock WriteLock = new();

    // Recorders whose listing Close prints; the rest only verify. A weak table, so an emitter that is never
    // closed (codegen threw half way) does not keep its recording alive.
    private static readonly ConditionalWeakTable<RecordingEmitter, object> Printed = [];

    // Replaced whole on assignment, so a compile on another thread sees the old or the new selection, never a mix.
    private static volatile ILDumpSelection selection = ILDumpSelection.Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));
    private static volatile TextWriter writer = Console.Error;

    /// <summary>
    /// Which methods to dump, in <c>TORCHJIT_DUMP_IL</c>'s syntax; null or empty for none. Starts as the
    /// environment variable's value.
    /// </summary>
    public static string? Selection
    {
        get => selection.Text;
        set => selection = ILDumpSelection.Parse(value);
    }

    /// <summary>Where <see cref="Close"/> prints listings; <see cref="Console.Error"/> unless set.</summary>
    public static TextWriter Writer
    {
        get => writer;
        set => writer = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Record and verify every method, selected or not, printing only the selected ones: for test runs that
    /// check the stack discipline of everything codegen emits.
    /// </summary>
    public static bool VerifyAll { get; set; }

    /// <summary>Whether <see cref="Selection"/> selects <paramref name="name"/>.</summary>
    public static bool IsSelected(string name) => Matches(Selection, name);

    /// <summary>Whether a <c>TORCHJIT_DUMP_IL</c>-style <paramref name="selection"/> selects <paramref name="name"/>.</summary>
    public static bool Matches(string? selection, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ILDumpSelection.Parse(selection).Matches(name);
    }

    /// <summary>
    /// The emitter to write <paramref name="method"/>'s body through: its <see cref="ILGenerator"/> alone, or teed
    /// with a <see cref="RecordingEmitter"/> when the method is selected by <paramref name="name"/> (or by the
    /// method's own name), when <paramref name="record"/> is set, or under <see cref="VerifyAll"/>.
    /// </summary>
    /// <param name="method">The method being built.</param>
    /// <param name="name">The name <see cref="Selection"/> matches: the graph's or fusion group's.</param>
    /// <param name="returnType">The method's return type.</param>
    /// <param name="parameterTypes">The method's parameter types.</param>
    /// <param name="record">Record, verify and print regardless of the selection (the CLI's <c>--dump-il</c>).</param>
    public static IILEmitter Open(DynamicMethod method, string name, Type returnType, Type[] parameterTypes, bool record = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(name);
        var real = new ILGeneratorEmitter(method.GetILGenerator());
        var current = selection; // one read, so both names are matched against the same selection
        bool print = record || current.Matches(name) || current.Matches(method.Name);
        if (!print && !VerifyAll) return real;

        var recorder = new RecordingEmitter(method.Name, returnType, parameterTypes);
        if (print) Printed.Add(recorder, recorder);
        return new TeeEmitter(real, recorder);
    }

    /// <summary>
    /// Finishes an emitter from <see cref="Open"/>: if it records, verifies the IL (throwing
    /// <see cref="InvalidOperationException"/> with the listing if it is wrong) and, if the method was selected,
    /// prints the listing to <see cref="Writer"/>. Call it after the last instruction, before creating a delegate,
    /// so bad IL is reported here rather than as an <see cref="InvalidProgramException"/> from the JIT.
    /// </summary>
    public static void Close(IILEmitter emitter)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        if (Recorder(emitter) is not { } recorder) return;
        recorder.Verify();
        if (!Printed.TryGetValue(recorder, out _)) return;

        string listing = recorder.Listing();
        // One write per listing under a lock, so methods compiled on several threads do not interleave.
        lock (WriteLock)
        {
            writer.Write(listing);
            writer.WriteLine();
            writer.Flush();
        }
    }

    /// <summary>The readable IL recorded by <paramref name="emitter"/> so far, or null if it does not record.</summary>
    public static string? Listing(IILEmitter emitter) => Recorder(emitter)?.Listing();

    /// <summary>The <see cref="RecordingEmitter"/> in <paramref name="emitter"/> (itself or either side of a tee), if any.</summary>
    public static RecordingEmitter? Recorder(IILEmitter emitter) => emitter switch
    {
        RecordingEmitter recorder => recorder,
        TeeEmitter tee => Recorder(tee.First) ?? Recorder(tee.Second),
        _ => null,
    };
}
