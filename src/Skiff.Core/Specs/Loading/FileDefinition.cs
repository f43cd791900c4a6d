namespace Skiff.Core.Specs.Loading;

/// <summary>A top-level <c>secrets:</c> or <c>configs:</c> entry: a file in the repository.</summary>
/// <param name="Path">The absolute path of the file; null when the definition is unusable (already reported).</param>
internal sealed record FileDefinition(FileMountKind Kind, string Name, string? Path, SourceLocation Location, SourceLocation? FileLocation);
