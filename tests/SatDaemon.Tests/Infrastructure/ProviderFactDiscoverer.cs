using Xunit.Abstractions;
using Xunit.Sdk;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>Discovers [ProviderFact]s: on a PostgreSQL class they become test cases that may skip.</summary>
public sealed class ProviderFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        var display = options.MethodDisplayOrDefault();
        var displayOptions = options.MethodDisplayOptionsOrDefault();
        if (type is not null && typeof(IPostgresProviderFacts).IsAssignableFrom(type))
            yield return new PostgresProviderTestCase(diagnostics, display, displayOptions, testMethod);
        else
            yield return new XunitTestCase(diagnostics, display, displayOptions, testMethod);
    }
}
