using Microsoft.Extensions.Time.Testing;
using SatDaemon.Configuration;
using SatDaemon.Web.Access;
using SatDaemon.WebUsers;

namespace SatDaemon.Tests.Web;

/// <summary>The rules of who may view and change (pure), and the lock-out's count and time.</summary>
public sealed class AccessPolicyFacts
{
    private static readonly ConsoleUser Olga = new("olga", WebRole.Operator);
    private static readonly ConsoleUser Victor = new("victor", WebRole.Viewer);

    [Theory]
    // users file, read_only, who → status of a change (0: allowed)
    [InlineData(false, false, "olga", 403)]   // no users file: nobody changes anything, as before sign-in existed
    [InlineData(true, false, null, 401)]      // not signed in
    [InlineData(true, false, "victor", 403)]  // a viewer
    [InlineData(true, false, "olga", 0)]      // an operator
    [InlineData(true, true, "olga", 403)]     // read_only refuses even an operator
    public void A_change_is_allowed_only_to_a_signed_in_operator_of_a_console_that_is_not_read_only(bool users, bool readOnly, string? who, int status)
    {
        var policy = new AccessPolicy(new WebOptions { UsersFile = users ? "/etc/satdaemon/users" : null, ReadOnly = readOnly });
        var user = who switch { "olga" => Olga, "victor" => Victor, _ => ConsoleUser.Anonymous };

        var refusal = policy.RefuseChange(user);

        Assert.Equal(status, refusal?.Status ?? 0);
        Assert.Equal(status == 0, policy.ShowsControls(user));
    }

    [Theory]
    // users file, anonymous_view, signed in, loopback → may view
    [InlineData(false, false, false, false, true)]  // no users: the view-only console as it always was
    [InlineData(true, false, false, true, false)]   // users, anonymous on loopback, not allowed by default
    [InlineData(true, true, false, true, true)]     // anonymous_view on loopback
    [InlineData(true, true, false, false, false)]   // anonymous_view never from elsewhere
    [InlineData(true, false, true, false, true)]    // signed in, from anywhere
    public void Viewing_anonymously_needs_anonymous_view_and_loopback(bool users, bool anonymousView, bool signedIn, bool loopback, bool may)
    {
        var policy = new AccessPolicy(new WebOptions { UsersFile = users ? "/etc/satdaemon/users" : null, AnonymousView = anonymousView });

        Assert.Equal(may, policy.CanView(signedIn ? Victor : ConsoleUser.Anonymous, loopback));
    }

    [Fact]
    public void The_fifth_failure_locks_for_the_configured_time_and_the_count_starts_again_after_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(5, TimeSpan.FromMinutes(15), time);

        var locks = Enumerable.Range(0, 5).Select(_ => throttle.Failed("olga")).ToList();

        Assert.All(locks.Take(4), l => Assert.Null(l));
        Assert.Equal(time.GetUtcNow().AddMinutes(15), locks[4]);
        Assert.NotNull(throttle.LockedUntil("OLGA")); // names compare as the users file's do not matter for the lock: case-blind
        Assert.Null(throttle.LockedUntil("victor"));
        time.Advance(TimeSpan.FromMinutes(14));
        Assert.NotNull(throttle.LockedUntil("olga"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(throttle.LockedUntil("olga"));
        Assert.Null(throttle.Failed("olga")); // one failure after the lock-out: counting starts again
    }

    [Fact]
    public void A_success_before_the_lock_starts_the_count_again()
    {
        var throttle = new SignInThrottle(5, TimeSpan.FromMinutes(15), new FakeTimeProvider());
        for (var i = 0; i < 4; i++) throttle.Failed("olga");

        throttle.Succeeded("olga");

        Assert.All(Enumerable.Range(0, 4).Select(_ => throttle.Failed("olga")), l => Assert.Null(l));
    }
}
