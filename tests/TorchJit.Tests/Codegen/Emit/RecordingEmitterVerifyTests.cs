using System.Reflection.Emit;
using TorchJit.Codegen.Emit;

namespace TorchJit.Tests.Codegen.Emit;

/// <summary>
/// <see cref="RecordingEmitter.Verify"/> accepts well-formed IL and names the instruction, opcode and depths of
/// the first problem in ill-formed IL, with the listing up to there.
/// </summary>
public sealed class RecordingEmitterVerifyTests
{
    [Fact]
    public void AcceptsABranchJoinAndALoop()
    {
        var clamp = SampleMethods.Recorder(typeof(long), SampleMethods.ClampParameters);
        SampleMethods.EmitClamp(clamp);
        clamp.Verify();

        var sum = SampleMethods.Recorder(typeof(long), typeof(long));
        SampleMethods.EmitSumBelow(sum);
        sum.Verify();
    }

    [Fact]
    public void AcceptsUnreachableCodeAfterThrow()
    {
        var il = SampleMethods.Recorder(typeof(int));
        il.Emit(OpCodes.Newobj, typeof(InvalidOperationException).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Throw);
        il.Emit(OpCodes.Ldc_I4, 0); // dead, and assumed to start from an empty stack
        il.Emit(OpCodes.Ret);

        il.Verify();
    }

    [Fact]
    public void CatchesStackUnderflow()
    {
        var il = SampleMethods.Recorder(typeof(int));
        il.Emit(OpCodes.Ldc_I4, 1);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ret);

        var error = Fails(il, "at #1 IL_0001 add: stack underflow: pops 2 with depth 1");
        // The listing stops at the culprit and points at it.
        Assert.Contains("IL_0001: add   <-- here", error, StringComparison.Ordinal);
        Assert.DoesNotContain(": ret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CatchesACallWithTooFewArguments()
    {
        var il = SampleMethods.Recorder(typeof(long), typeof(long));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Math).GetMethod(nameof(Math.Max), [typeof(long), typeof(long)])!);
        il.Emit(OpCodes.Ret);

        Fails(il, "#1 IL_0001 call: stack underflow: pops 2 with depth 1");
    }

    [Fact]
    public void CatchesAnInstanceCallWithoutItsReceiver()
    {
        var il = SampleMethods.Recorder(typeof(int));
        il.Emit(OpCodes.Callvirt, typeof(List<long>).GetProperty(nameof(List<long>.Count))!.GetMethod!);
        il.Emit(OpCodes.Ret);

        Fails(il, "#0 IL_0000 callvirt: stack underflow: pops 1 with depth 0");
    }

    [Fact]
    public void CatchesFallThroughAndBranchDisagreeingAtALabel()
    {
        var il = SampleMethods.Recorder(typeof(int));
        var join = il.DefineLabel();
        il.Emit(OpCodes.Ldc_I4, 1);
        il.Emit(OpCodes.Ldc_I4, 0);
        il.Emit(OpCodes.Brfalse, join); // arrives with 1
        il.Emit(OpCodes.Ldc_I4, 2); // falls through with 2
        il.MarkLabel(join);
        il.Emit(OpCodes.Ret);

        Fails(il, "at #4 IL_0008 ret: stack depth 2 here (fall-through) but 1 at label L_0 (branch at IL_0002 brfalse)");
    }

    [Fact]
    public void CatchesTwoBranchesDisagreeingAtALabel()
    {
        var il = SampleMethods.Recorder(typeof(void));
        var join = il.DefineLabel();
        il.Emit(OpCodes.Ldc_I4, 0);
        il.Emit(OpCodes.Brfalse, join); // arrives with 0
        il.Emit(OpCodes.Ldc_I4, 7);
        il.Emit(OpCodes.Br, join); // arrives with 1
        il.MarkLabel(join);
        il.Emit(OpCodes.Ret);

        Fails(il, "#3 IL_0007 br: branch with stack depth 1 to IL_000c, which has depth 0 (branch at IL_0001 brfalse)");
    }

    [Fact]
    public void CatchesABackwardBranchToCodeAssumedToStartEmpty()
    {
        var il = SampleMethods.Recorder(typeof(void));
        var top = il.DefineLabel();
        var test = il.DefineLabel();
        il.Emit(OpCodes.Br, test);
        il.MarkLabel(top); // only a later branch reaches here, so the importer assumes an empty stack
        il.Emit(OpCodes.Pop);
        il.MarkLabel(test);
        il.Emit(OpCodes.Ldc_I4, 1);
        il.Emit(OpCodes.Ldc_I4, 1);
        il.Emit(OpCodes.Brtrue, top);
        il.Emit(OpCodes.Ret);

        // The pop on an assumed-empty stack is the first problem the JIT would see.
        Fails(il, "#1 IL_0005 pop: stack underflow: pops 1 with depth 0");
    }

    [Fact]
    public void CatchesRetWithAValueInAVoidMethod()
    {
        var il = SampleMethods.Recorder(typeof(void));
        il.Emit(OpCodes.Ldc_I4, 1);
        il.Emit(OpCodes.Ret);

        Fails(il, "#1 IL_0001 ret: ret in a method returning System.Void needs depth 0, has 1");
    }

    [Fact]
    public void CatchesRetWithoutAValueOrWithTwo()
    {
        var none = SampleMethods.Recorder(typeof(long));
        none.Emit(OpCodes.Ret);
        Fails(none, "#0 IL_0000 ret: stack underflow: pops 1 with depth 0");

        var two = SampleMethods.Recorder(typeof(long));
        two.Emit(OpCodes.Ldc_I8, 1L);
        two.Emit(OpCodes.Ldc_I8, 2L);
        two.Emit(OpCodes.Ret);
        Fails(two, "#2 IL_0012 ret: ret in a method returning System.Int64 needs depth 1, has 2");
    }

    [Fact]
    public void CatchesABranchToALabelNeverMarked()
    {
        var il = SampleMethods.Recorder(typeof(void));
        var nowhere = il.DefineLabel();
        il.Emit(OpCodes.Ldc_I4, 0);
        il.Emit(OpCodes.Brtrue, nowhere);
        il.Emit(OpCodes.Ret);

        Fails(il, "#1 IL_0001 brtrue: branches to label L_0, which is never marked");
    }

    [Fact]
    public void CatchesALabelMarkedTwice()
    {
        var il = SampleMethods.Recorder(typeof(void));
        var twice = il.DefineLabel();
        il.MarkLabel(twice);
        il.Emit(OpCodes.Nop);
        il.MarkLabel(twice);
        il.Emit(OpCodes.Ret);

        Fails(il, "#1 IL_0001 ret: label L_0 is marked a second time (first at IL_0000)");
    }

    [Fact]
    public void CatchesHandlesFromAnotherEmitter()
    {
        var other = SampleMethods.Recorder(typeof(void));
        other.DeclareLocal(typeof(int));
        var foreignLocal = other.DeclareLocal(typeof(int));
        other.DefineLabel();
        var foreignLabel = other.DefineLabel();

        var local = SampleMethods.Recorder(typeof(void));
        local.DeclareLocal(typeof(int));
        local.Emit(OpCodes.Ldloc, foreignLocal);
        local.Emit(OpCodes.Pop);
        local.Emit(OpCodes.Ret);
        Fails(local, "#0 IL_0000 ldloc.1: local V_1 (System.Int32) was not declared by this emitter (1 locals)");

        // Same slot, different type: still not this emitter's local.
        var retyped = SampleMethods.Recorder(typeof(void));
        retyped.DeclareLocal(typeof(int));
        retyped.DeclareLocal(typeof(long));
        retyped.Emit(OpCodes.Ldloc, foreignLocal);
        retyped.Emit(OpCodes.Pop);
        retyped.Emit(OpCodes.Ret);
        Fails(retyped, "was not declared by this emitter");

        var label = SampleMethods.Recorder(typeof(void));
        label.MarkLabel(foreignLabel);
        label.Emit(OpCodes.Ret);
        Fails(label, "#0 IL_0000 ret: label L_1 was not defined by this emitter (0 labels)");
    }

    [Fact]
    public void CatchesControlFallingOffTheEnd()
    {
        var empty = SampleMethods.Recorder(typeof(void));
        Fails(empty, "#0 IL_0000 (end of method): control falls off the end of the method (depth 0, fall-through)");

        var il = SampleMethods.Recorder(typeof(void));
        var end = il.DefineLabel();
        il.Emit(OpCodes.Br, end);
        il.MarkLabel(end);
        Fails(il, "#1 IL_0005 (end of method): control falls off the end of the method (depth 0, branch at IL_0000 br)");
    }

    [Fact]
    public void CatchesAnOperandTheOpcodeDoesNotTake()
    {
        // ILGenerator writes ldc.i4.s and then four bytes where the JIT reads one: corrupt IL.
        var shortConstant = SampleMethods.Recorder(typeof(int));
        shortConstant.Emit(OpCodes.Ldc_I4_S, 7);
        shortConstant.Emit(OpCodes.Ret);
        Fails(shortConstant, "#0 IL_0000 ldc.i4.s: ldc.i4.s takes an operand of kind ShortInlineI but was emitted with Int32");

        var farArgument = SampleMethods.Recorder(typeof(long), typeof(long));
        farArgument.Emit(OpCodes.Ldarg, 70000);
        farArgument.Emit(OpCodes.Ret);
        Fails(farArgument, "ldarg 70000 is not an argument index ILGenerator can encode");

        var newobj = SampleMethods.Recorder(typeof(object));
        newobj.Emit(OpCodes.Newobj, typeof(object).GetMethod(nameof(ToString))!);
        newobj.Emit(OpCodes.Ret);
        Fails(newobj, "newobj needs a constructor, not a method");

        var starg = SampleMethods.Recorder(typeof(void));
        var local = starg.DeclareLocal(typeof(int));
        starg.Emit(OpCodes.Ldc_I4, 0);
        starg.Emit(OpCodes.Starg, local);
        starg.Emit(OpCodes.Ret);
        Fails(starg, "starg does not take a local");
    }

    [Fact]
    public void CatchesAnArgumentTheMethodDoesNotHave()
    {
        var macro = SampleMethods.Recorder(typeof(long), typeof(long));
        macro.Emit(OpCodes.Ldarg_1);
        macro.Emit(OpCodes.Ret);
        Fails(macro, "#0 IL_0000 ldarg.1: ldarg.1 uses argument 1 but the method has 1");

        var indexed = SampleMethods.Recorder(typeof(long), typeof(long), typeof(long));
        indexed.Emit(OpCodes.Ldarg, 5);
        indexed.Emit(OpCodes.Ret);
        Fails(indexed, "#0 IL_0000 ldarg.s: ldarg.s uses argument 5 but the method has 2");
    }

    [Fact]
    public void CatchesAShortBranchThatCannotReach()
    {
        var il = SampleMethods.Recorder(typeof(void));
        var far = il.DefineLabel();
        il.Emit(OpCodes.Br_S, far);
        for (int i = 0; i < 200; i++) il.Emit(OpCodes.Nop);
        il.MarkLabel(far);
        il.Emit(OpCodes.Ret);

        Fails(il, "#0 IL_0000 br.s: br.s cannot reach IL_00ca (200 bytes away)");
    }

    private static string Fails(RecordingEmitter il, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(il.Verify);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("// torchjit_test(", error.Message, StringComparison.Ordinal); // the listing follows
        return error.Message;
    }
}
