namespace SatDaemon.Tests.Jobs;

/// <summary>Polls a condition until it holds or time runs out (WaitForCondition), instead of fixed sleeps.</summary>
public static class Wait
{
    public static async Task<bool> ForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }
}
