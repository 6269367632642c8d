namespace SatDaemon.Tests.Infrastructure;

/// <summary>Marks a test class whose [ProviderFact]s run on PostgreSQL (see <see cref="ProviderFactAttribute"/>).</summary>
public interface IPostgresProviderFacts;
