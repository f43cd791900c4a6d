namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Loads an application spec from a repository folder (skiff.yaml and/or a Compose file) or from
/// one file, and validates it. Never throws for bad input: every problem, I/O errors included,
/// becomes a <see cref="SpecError"/> with file, line, column and key path where known.
/// </summary>
public static class SpecLoader
{
    /// <summary>Loads the spec of <paramref name="directory"/>: skiff.yaml, the Compose file, its override file.</summary>
    public static SpecLoadResult Load(string directory, SpecLoadOptions? options = null)
    {
        options ??= new SpecLoadOptions();
        return Run(diagnostics =>
        {
            if (string.IsNullOrWhiteSpace(directory))
            {
                diagnostics.Error((SourceLocation?)null, "", "no folder was given; expected the path of a repository folder");
                return null;
            }
            var full = Path.GetFullPath(directory);
            if (!Directory.Exists(full))
            {
                diagnostics.Error((SourceLocation?)null, "", $"the folder '{directory}' does not exist");
                return null;
            }
            if (Root(full, options, diagnostics) is not { } root)
                return null;
            return SpecAssembler.Assemble(new LoadRequest(full, root, SpecDiscovery.FindSkiffFile(full), null, DiscoverCompose: true), options, diagnostics);
        });
    }

    /// <summary>
    /// Loads one file: a skiff.yaml (as <see cref="Load"/> does for its folder), or a Compose file
    /// on its own (with its <c>.env</c>, but without skiff.yaml or an override file).
    /// </summary>
    public static SpecLoadResult LoadFile(string composeOrSkiffFile, SpecLoadOptions? options = null)
    {
        options ??= new SpecLoadOptions();
        return Run(diagnostics =>
        {
            if (string.IsNullOrWhiteSpace(composeOrSkiffFile))
            {
                diagnostics.Error((SourceLocation?)null, "", "no file was given; expected the path of a Compose file or skiff.yaml");
                return null;
            }
            var full = Path.GetFullPath(composeOrSkiffFile);
            if (!File.Exists(full))
            {
                diagnostics.Error((SourceLocation?)null, "", $"the file '{composeOrSkiffFile}' does not exist");
                return null;
            }
            var directory = Path.GetDirectoryName(full)!;
            if (Root(directory, options, diagnostics) is not { } root)
                return null;
            var isSkiff = SpecDiscovery.SkiffNames.Contains(Path.GetFileName(full), StringComparer.OrdinalIgnoreCase);
            var request = isSkiff
                ? new LoadRequest(directory, root, full, null, DiscoverCompose: true)
                : new LoadRequest(directory, root, null, full, DiscoverCompose: false);
            return SpecAssembler.Assemble(request, options, diagnostics);
        });
    }

    private static string? Root(string directory, SpecLoadOptions options, Diagnostics diagnostics)
    {
        if (options.RootDirectory is null)
            return directory;
        var root = Path.GetFullPath(options.RootDirectory);
        if (RepositoryPaths.IsInside(root, directory))
            return root;
        diagnostics.Error((SourceLocation?)null, "", $"the folder '{directory}' is not inside the repository root '{root}' given in SpecLoadOptions.RootDirectory");
        return null;
    }

    private static SpecLoadResult Run(Func<Diagnostics, AppSpec?> load)
    {
        var diagnostics = new Diagnostics();
        AppSpec? spec;
        try
        {
            spec = load(diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error((SourceLocation?)null, "", $"cannot read the spec: {e.Message}");
            spec = null;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // A bug, not bad input: still a result rather than a crash, and a message that says so.
            diagnostics.Error((SourceLocation?)null, "", $"internal error while loading the spec ({e.GetType().Name}: {e.Message}); please report it");
            spec = null;
        }
        return new SpecLoadResult(spec, [.. diagnostics.Errors.Distinct()], [.. diagnostics.Warnings.Distinct()]);
    }
}
