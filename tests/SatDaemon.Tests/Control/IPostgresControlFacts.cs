namespace SatDaemon.Tests.Control;

/// <summary>Marks a test class whose [ControlFact]s run on PostgreSQL and so skip when it is absent.</summary>
public interface IPostgresControlFacts;
