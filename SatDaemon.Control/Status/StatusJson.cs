using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDaemon.Control;

/// <summary>The one JSON shape of status and console data: `ctl status --json` and the console's /api/... both use it.</summary>
public static class StatusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
