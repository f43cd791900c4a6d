using System.Text.Json;
using Skiff.Core.Api;

namespace Skiff.Cli.Output;

/// <summary>Prints exactly one JSON document on stdout (for <c>--json</c>).</summary>
public static class JsonOutput
{
    public static void Write<T>(TextWriter output, T value) =>
        output.WriteLine(JsonSerializer.Serialize(value, SkiffJson.Indented));
}
