using System.CommandLine;

namespace Skiff.Cli.Commands;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document on stdout and nothing else" };

    public static Argument<string> EnvironmentName() => new("name") { Description = "The environment's name" };
}
