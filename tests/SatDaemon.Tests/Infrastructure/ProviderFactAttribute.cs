using Xunit.Sdk;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>
/// A fact of an abstract test class that runs once per provider: one concrete subclass per <see cref="TestProvider"/>,
/// each with its class fixture (one database or console shared by the class). The PostgreSQL subclass, marked
/// <see cref="IPostgresProviderFacts"/>, may skip only as <see cref="TestServices"/> allows. xUnit 2 cannot skip from
/// inside a test, so the decision is made at discovery, per concrete class. Single tests use the provider theory
/// <c>[Theory, InlineData(TestProvider.Sqlite), PostgresData]</c> instead.
/// </summary>
[XunitTestCaseDiscoverer("SatDaemon.Tests.Infrastructure.ProviderFactDiscoverer", "SatDaemon.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;
