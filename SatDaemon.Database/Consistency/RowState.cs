using SatDaemon.Database.Model;

namespace SatDaemon.Database.Consistency;

/// <summary>A row's (proc_stage, proc_status) and how many stages of its chain that says are done.</summary>
public readonly record struct RowState(int Stage, int Status)
{
    /// <summary>
    /// Stages done: every stage before proc_stage (waiting, failed, held and running rows alike), or the whole chain
    /// when complete. A failed row claims no more than a waiting one: its own stage did not finish.
    /// </summary>
    public int Done(int lastStage) => Status == ProcStatus.Complete ? lastStage : Math.Max(0, Stage - 1);

    /// <summary>The row state that says exactly <paramref name="done"/> stages are done: the next stage waiting, or complete.</summary>
    public static RowState AfterDone(int done, int lastStage) =>
        done >= lastStage ? new RowState(lastStage, ProcStatus.Complete) : new RowState(done + 1, ProcStatus.Waiting);
}
