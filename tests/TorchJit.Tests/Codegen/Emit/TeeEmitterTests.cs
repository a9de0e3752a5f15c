using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Tests.Codegen.Emit;

/// <summary>
/// A real <see cref="ILGenerator"/> teed with a recorder: the method still runs, the recorder's offsets are the
/// real ones, and the tee refuses sides whose handles have drifted apart.
/// </summary>
public sealed class TeeEmitterTests
{
    [Theory]
    [InlineData(5, 3, 3)]
    [InlineData(2, 3, 2)]
    [InlineData(-5, 3, 0)]
    public void TheTeedMethodRuns(long x, long limit, long expected)
    {
        var (method, recorder) = Build("torchjit_clamp", typeof(long), SampleMethods.ClampParameters, SampleMethods.EmitClamp);
        recorder.Verify();

        var clamp = method.CreateDelegate<Func<long, long, long>>();

        Assert.Equal(expected, clamp(x, limit));
    }

    [Fact]
    public void TheTeedLoopRuns()
    {
        var (method, recorder) = Build("torchjit_sum", typeof(long), [typeof(long)], SampleMethods.EmitSumBelow);
        recorder.Verify();

        var sumBelow = method.CreateDelegate<Func<long, long>>();

        Assert.Equal(45, sumBelow(10));
        Assert.Equal(0, sumBelow(0));
    }

    public static TheoryData<string> Bodies => ["clamp", "sum", "operands", "far locals"];

    [Theory]
    [MemberData(nameof(Bodies))]
    public void RecordedOffsetsAreTheILGeneratorsOffsets(string body)
    {
        var method = new DynamicMethod("torchjit_" + body, typeof(void), [typeof(long), typeof(long)], typeof(TeeEmitterTests).Module);
        var generator = method.GetILGenerator();
        var recorder = SampleMethods.Recorder(typeof(void), typeof(long), typeof(long));
        var il = new TeeEmitter(new ILGeneratorEmitter(generator), recorder);
        var offsets = new List<(int Real, int Recorded)>();

        foreach (var step in Steps(body, il))
        {
            step();
            offsets.Add((generator.ILOffset, recorder.Size));
        }

        Assert.All(offsets, o => Assert.Equal(o.Real, o.Recorded));
    }

    [Fact]
    public void RefusesSidesWhoseLocalsDisagree()
    {
        var ahead = SampleMethods.Recorder(typeof(void));
        ahead.DeclareLocal(typeof(int));
        var tee = new TeeEmitter(ahead, SampleMethods.Recorder(typeof(void)));

        var error = Assert.Throws<InvalidOperationException>(() => tee.DeclareLocal(typeof(int)));
        Assert.Contains("V_1 (System.Int32) and V_0 (System.Int32)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesSidesWhoseLabelsDisagree()
    {
        var behind = SampleMethods.Recorder(typeof(void));
        behind.DefineLabel();
        var tee = new TeeEmitter(SampleMethods.Recorder(typeof(void)), behind);

        var error = Assert.Throws<InvalidOperationException>(() => tee.DefineLabel());
        Assert.Contains("L_0 and L_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardsEveryInstructionToBothSides()
    {
        var first = SampleMethods.Recorder(typeof(long), SampleMethods.ClampParameters);
        var second = SampleMethods.Recorder(typeof(long), SampleMethods.ClampParameters);

        SampleMethods.EmitClamp(new TeeEmitter(first, second));

        Assert.Equal(11, first.Count);
        Assert.Equal(first.Listing(), second.Listing());
    }

    private static (DynamicMethod Method, RecordingEmitter Recorder) Build(string name, Type returnType, Type[] parameters, Action<IILEmitter> body)
    {
        var method = new DynamicMethod(name, returnType, parameters, typeof(TeeEmitterTests).Module);
        var recorder = new RecordingEmitter(name, returnType, parameters);
        body(new TeeEmitter(new ILGeneratorEmitter(method.GetILGenerator()), recorder));
        return (method, recorder);
    }

    // Bodies emitted one call at a time, so offsets can be compared after each. They need not be valid IL:
    // the method is never run, only its byte stream measured.
    private static IEnumerable<Action> Steps(string body, IILEmitter il)
    {
        switch (body)
        {
            case "clamp":
                yield return () => SampleMethods.EmitClamp(il);
                break;
            case "sum":
                yield return () => SampleMethods.EmitSumBelow(il);
                break;
            case "operands":
                var label = il.DefineLabel();
                var local = il.DeclareLocal(typeof(long));
                foreach (int value in new[] { -129, -128, -1, 0, 8, 9, 127, 128, 100_000 })
                    yield return () => il.Emit(OpCodes.Ldc_I4, value);
                foreach (int index in new[] { 0, 1, 3, 4, 255, 256, 65535 })
                {
                    yield return () => il.Emit(OpCodes.Ldarg, index);
                    yield return () => il.Emit(OpCodes.Ldarga, index);
                    yield return () => il.Emit(OpCodes.Starg, index);
                }

                yield return () => il.Emit(OpCodes.Ldc_I8, 1L);
                yield return () => il.Emit(OpCodes.Ldc_R4, 1f);
                yield return () => il.Emit(OpCodes.Ldc_R8, 1.0);
                yield return () => il.Emit(OpCodes.Ldstr, "s");
                yield return () => il.Emit(OpCodes.Ldloca, local);
                yield return () => il.Emit(OpCodes.Ldloc, local);
                yield return () => il.Emit(OpCodes.Stloc, local);
                yield return () => il.Emit(OpCodes.Br_S, label);
                yield return () => il.Emit(OpCodes.Brfalse, label);
                yield return () => il.MarkLabel(label);
                yield return () => il.Emit(OpCodes.Call, typeof(AtenOps).GetMethod(nameof(AtenOps.relu))!);
                yield return () => il.Emit(OpCodes.Newobj, typeof(object).GetConstructor(Type.EmptyTypes)!);
                yield return () => il.Emit(OpCodes.Ldsfld, typeof(string).GetField(nameof(string.Empty))!);
                yield return () => il.Emit(OpCodes.Newarr, typeof(Tensor));
                yield return () => il.Emit(OpCodes.Ceq); // a two-byte opcode
                yield return () => il.Emit(OpCodes.Ret);
                break;
            case "far locals":
                // Past slot 255 ldloc, stloc and ldloca keep their long forms with a 2-byte index.
                var locals = Enumerable.Range(0, 300).Select(_ => il.DeclareLocal(typeof(int))).ToArray();
                foreach (int slot in new[] { 0, 3, 4, 255, 256, 299 })
                {
                    yield return () => il.Emit(OpCodes.Ldloc, locals[slot]);
                    yield return () => il.Emit(OpCodes.Stloc, locals[slot]);
                    yield return () => il.Emit(OpCodes.Ldloca, locals[slot]);
                }

                yield return () => il.Emit(OpCodes.Ret);
                break;
        }
    }
}
