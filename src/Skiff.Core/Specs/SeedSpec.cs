using System.Collections.Immutable;

namespace Skiff.Core.Specs;

/// <summary>
/// Seed data run once into a fresh database: Skiff copies <see cref="File"/> into the
/// <see cref="Service"/> container when it first becomes healthy and runs <see cref="Command"/> with
/// the file on standard input.
/// </summary>
public sealed record SeedSpec
{
    public required string Service { get; init; }

    /// <summary>The absolute path of the seed file (SQL or a shell script).</summary>
    public required string File { get; init; }

    /// <summary>The command that reads the file from standard input; defaults by file type (psql for .sql, sh otherwise).</summary>
    public ImmutableArray<string> Command { get; init; } = [];

    /// <summary>Where the <c>seed</c> key was written, for messages; null when built in code.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Where the <c>file</c> key was written, for messages.</summary>
    public SourceLocation? FileLocation { get; init; }
}
