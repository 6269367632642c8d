using NetTopologySuite.Geometries;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Frames;

/// <summary>One frame as frame list and export-frames show it.</summary>
/// <param name="IfgRows">ifg rows (dates processed against the master).</param>
/// <param name="IfgComplete">ifg rows whose chain is complete.</param>
public sealed record FrameSummary(
    string Id,
    int Track,
    string OrbitDirection,
    int Priority,
    ProcLevel ProcLevel,
    DateOnly? MasterDate,
    int Bursts,
    int Files,
    int IfgRows,
    int IfgComplete,
    Geometry? Geometry);
