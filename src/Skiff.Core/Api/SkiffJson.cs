using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skiff.Core.Api;

/// <summary>The JSON settings the API and the CLI share: camelCase, enums as strings, no nulls dropped.</summary>
public static class SkiffJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
