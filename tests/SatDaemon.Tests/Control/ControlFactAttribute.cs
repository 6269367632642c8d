using Xunit.Sdk;

namespace SatDaemon.Tests.Control;

/// <summary>
/// A fact that the PostgreSQL variant of a test class skips, with a reason, when PostgreSQL is absent.
/// xUnit 2 cannot skip from inside a test, so the decision is made at discovery, per concrete class.
/// </summary>
[XunitTestCaseDiscoverer("SatDaemon.Tests.Control.ControlFactDiscoverer", "SatDaemon.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ControlFactAttribute : FactAttribute;
