using Xunit.Abstractions;
using Xunit.Sdk;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>A test case that skips with the reason <see cref="TestServices"/> gives when PostgreSQL is absent.</summary>
public sealed class PostgresProviderTestCase : XunitTestCase
{
    [Obsolete("for deserialization only")]
    public PostgresProviderTestCase() { }

    public PostgresProviderTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnostics, display, displayOptions, testMethod) { }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        base.GetSkipReason(factAttribute) ?? TestServices.SkipReason(Needs.Postgres)!;
}
