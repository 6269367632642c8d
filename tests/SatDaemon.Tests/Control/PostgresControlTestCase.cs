using Xunit.Abstractions;
using Xunit.Sdk;

namespace SatDaemon.Tests.Control;

/// <summary>A test case that skips with <see cref="ControlPostgres.SkipReason"/> when PostgreSQL is absent.</summary>
public sealed class PostgresControlTestCase : XunitTestCase
{
    [Obsolete("for deserialization only")]
    public PostgresControlTestCase() { }

    public PostgresControlTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnostics, display, displayOptions, testMethod) { }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        base.GetSkipReason(factAttribute) ?? ControlPostgres.SkipReason!;
}
