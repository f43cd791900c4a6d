using System.Collections.Immutable;
using Skiff.Core.Naming;
using Skiff.Core.Specs.Validation;

namespace Skiff.Core.Specs.Loading;

/// <summary>What to load: the folder the spec belongs to, the repository root, and the files known so far.</summary>
/// <param name="Directory">The folder named by the caller (its name is the default project name).</param>
/// <param name="SkiffFile">skiff.yaml, when there is one.</param>
/// <param name="ComposeFile">A Compose file given explicitly (LoadFile), else null.</param>
/// <param name="DiscoverCompose">Whether to look for a Compose file (and its override) when none is named.</param>
internal sealed record LoadRequest(string Directory, string Root, string? SkiffFile, string? ComposeFile, bool DiscoverCompose);

/// <summary>
/// The load pipeline: find the Compose file, read the variables (.env), load the Compose layers
/// (each with its includes and extends), merge the override file and skiff.yaml over them, select
/// services by profile, read the model and validate it.
/// </summary>
internal static class SpecAssembler
{
    public static AppSpec? Assemble(LoadRequest request, SpecLoadOptions options, Diagnostics diagnostics)
    {
        if (FindFiles(request, options, diagnostics) is not { } files)
            return null;

        var projectDirectory = Path.GetDirectoryName(files.Compose ?? request.SkiffFile!)!;
        var variables = options.Variables ?? VariableScope.ProcessEnvironment();
        var context = new ReadContext(diagnostics, ReadDotEnv(projectDirectory, variables, request.Root, diagnostics, out var dotEnv),
            request.Root, options.CheckFilesExist);
        if (request.SkiffFile is not null)
            context.NoteFileRead(request.SkiffFile);
        if (dotEnv is not null)
            context.NoteFileRead(dotEnv);

        var loader = new ComposeFileLoader(context);
        if (LoadCompose(files, projectDirectory, loader) is not { } project)
            return null;
        var settings = new SettingsLayer();
        if (files.SkiffRoot is not null)
            (project, settings) = ApplySkiffFile(files.SkiffRoot, project, loader);
        project = (YMapping)ComposeMerge.DropResets(project);
        if (project.FindEntry("x-skiff") is { } extension)
            settings = settings.Over(SettingsReader.ReadExtension(extension.Value, "x-skiff", context));

        var profiles = ActiveProfiles(options, context.Variables, settings);
        var parts = ComposeProjectReader.Read(project, context, profiles.ToHashSet(StringComparer.Ordinal));
        var spec = new AppSpec
        {
            Name = parts.Name ?? DnsLabel.Sanitize(Path.GetFileName(Path.TrimEndingDirectorySeparator(request.Directory))),
            NameLocation = parts.NameLocation,
            SourceDirectory = request.Root,
            Files = [.. context.FilesRead],
            Services = parts.Services,
            Volumes = parts.Volumes,
            Settings = settings.ToSettings(profiles),
        };
        var hints = new ValidationHints(context.ServicesWithBrokenSource, context.IncompleteProject);
        diagnostics.AddErrors(SpecValidator.Validate(spec, options.CheckFilesExist, hints));
        return spec;
    }

    private sealed record FoundFiles(YMapping? SkiffRoot, string? Compose, string? Override);

    /// <summary>skiff.yaml parsed, and the Compose and override files found; null when the load cannot go on (reported).</summary>
    private static FoundFiles? FindFiles(LoadRequest request, SpecLoadOptions options, Diagnostics diagnostics)
    {
        YMapping? skiffRoot = null;
        if (request.SkiffFile is { } skiffPath)
        {
            if (!StaysInside(skiffPath, request.Root, diagnostics))
                return null;
            skiffRoot = ParseSkiffFile(skiffPath, request.Root, diagnostics);
            if (skiffRoot is null)
                return null;
        }

        var reference = skiffRoot is null ? null : SkiffFileReader.ComposeReference(skiffRoot, new NodeReader(diagnostics));
        if (!TryFindCompose(request, options, reference, diagnostics, out var compose, out var overrideFile))
            return null;
        if ((compose is not null && !StaysInside(compose, request.Root, diagnostics)) ||
            (overrideFile is not null && !StaysInside(overrideFile, request.Root, diagnostics)))
            return null;
        if (compose is null && skiffRoot is null)
        {
            diagnostics.Error((SourceLocation?)null, "", SpecDiscovery.NothingFound(request.Directory));
            return null;
        }
        return new FoundFiles(skiffRoot, compose, overrideFile);
    }

    /// <summary>The Compose file with its override file merged over it (an empty project without a Compose file).</summary>
    private static YMapping? LoadCompose(FoundFiles files, string projectDirectory, ComposeFileLoader loader)
    {
        var context = loader.Context;
        if (files.Compose is null)
            return new YMapping(files.SkiffRoot!.Source, 1, 1, []);
        if (loader.LoadLayer(files.Compose, projectDirectory, context.Variables, [], null, "") is not { } project)
            return null;
        if (files.Override is not null)
        {
            if (loader.LoadLayer(files.Override, projectDirectory, context.Variables, [], null, "") is { } over)
                project = ComposeMerge.MergeProjects(project, over);
            else
                context.IncompleteProject = true;
        }
        return project;
    }

    /// <summary>skiff.yaml's settings, and its Compose keys merged over the project like one more override file.</summary>
    private static (YMapping Project, SettingsLayer Settings) ApplySkiffFile(YMapping skiffRoot, YMapping project, ComposeFileLoader loader)
    {
        var context = loader.Context;
        var interpolated = (YMapping)NodeInterpolator.Apply(skiffRoot.Without("compose"), context.Variables, context.Diagnostics);
        var skiff = SkiffFileReader.Read(interpolated, context);
        if (skiff.ComposeLayer is { } layer)
            project = ComposeMerge.MergeProjects(project, ExtendsResolver.Apply(layer, loader, context.Variables));
        return (project, skiff.Settings);
    }

    private static YMapping? ParseSkiffFile(string path, string root, Diagnostics diagnostics)
    {
        var file = SourceFile.For(root, path);
        if (YamlReader.ReadFile(file, "", diagnostics) is not { } documents)
            return null;
        if (documents.Count == 0 || documents[0] is YScalar { IsNull: true })
            return new YMapping(file, 1, 1, []);
        if (documents.Count > 1)
            diagnostics.Warn(documents[1], "", "skiff.yaml holds more than one YAML document; only the first is read");
        if (documents[0] is YMapping mapping)
            return mapping;
        diagnostics.Error(documents[0], "", $"skiff.yaml must be a mapping of keys such as 'public:' and 'services:', found {documents[0].Describe()}");
        return null;
    }

    /// <summary>False (with an error) when a file the load found is a link that leads outside the repository.</summary>
    private static bool StaysInside(string path, string root, Diagnostics diagnostics)
    {
        if (RepositoryPaths.IsInside(root, path))
            return true;
        diagnostics.Error(new SourceLocation(RepositoryPaths.Display(root, path), 1, 1), "",
            $"'{RepositoryPaths.Display(root, path)}' leads outside the repository (through a symbolic link); Skiff reads only files inside the repository");
        return false;
    }

    private static bool TryFindCompose(LoadRequest request, SpecLoadOptions options, YScalar? reference, Diagnostics diagnostics,
        out string? compose, out string? overrideFile)
    {
        compose = request.ComposeFile;
        overrideFile = null;
        if (options.ComposeFile is { } explicitPath)
        {
            compose = CheckNamedFile(request, explicitPath, request.Directory, null, "the Compose file given in SpecLoadOptions.ComposeFile", diagnostics);
            return compose is not null;
        }
        if (reference is not null)
        {
            compose = CheckNamedFile(request, reference.Value, Path.GetDirectoryName(request.SkiffFile!)!, reference, "the Compose file named by 'compose:'", diagnostics);
            return compose is not null;
        }
        if (compose is null && request.DiscoverCompose)
            (compose, overrideFile) = SpecDiscovery.FindCompose(request.Directory);
        return true;
    }

    private static string? CheckNamedFile(LoadRequest request, string path, string baseDirectory, YNode? at, string what, Diagnostics diagnostics)
    {
        var location = at?.Location;
        if (RepositoryPaths.Resolve(baseDirectory, path) is not { } full)
        {
            diagnostics.Error(location, at is null ? "" : "compose", $"cannot use {what}: {RepositoryPaths.ExplainUnusable(path)}");
            return null;
        }
        if (!RepositoryPaths.IsInside(request.Root, full))
        {
            diagnostics.Error(location, at is null ? "" : "compose", $"{what} '{path}' is outside the repository '{request.Root}'");
            return null;
        }
        if (!File.Exists(full))
        {
            diagnostics.Error(location, at is null ? "" : "compose", $"{what} '{path}' does not exist (looked for '{full}')");
            return null;
        }
        return full;
    }

    private static VariableScope ReadDotEnv(string projectDirectory, IReadOnlyDictionary<string, string> variables, string root,
        Diagnostics diagnostics, out string? path)
    {
        path = Path.Combine(projectDirectory, ".env");
        if (!File.Exists(path) || !StaysInside(path, root, diagnostics))
        {
            path = null;
            return VariableScope.Of(variables);
        }
        var values = EnvFile.Read(SourceFile.For(root, path), name => variables.TryGetValue(name, out var v) ? v : null,
            diagnostics, null, "");
        return values is null ? VariableScope.Of(variables) : VariableScope.Of(variables, values);
    }

    private static ImmutableArray<string> ActiveProfiles(SpecLoadOptions options, VariableScope variables, SettingsLayer settings)
    {
        if (options.Profiles is not null)
            return [.. options.Profiles.Distinct(StringComparer.Ordinal)];
        return [.. ProfileFilter.ParseList(variables.Get("COMPOSE_PROFILES")).Concat(settings.Profiles ?? []).Distinct(StringComparer.Ordinal)];
    }
}
