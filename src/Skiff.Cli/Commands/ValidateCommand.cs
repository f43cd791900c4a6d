using System.CommandLine;
using Skiff.Cli.Output;
using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Cli.Commands;

/// <summary><c>skiff validate [DIR] [--json]</c>: loads and checks a spec locally, without a server.</summary>
public static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("dir") { Description = "The application folder", DefaultValueFactory = _ => "." };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check an application's compose.yaml / skiff.yaml") { directory, json };
        command.SetAction((result, _) => CliRunner.RunAsync(context, () =>
        {
            var folder = Path.GetFullPath(result.GetValue(directory)!);
            var loaded = SpecLoader.Load(folder);
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, new
                {
                    valid = loaded.Succeeded,
                    project = loaded.Spec?.Name,
                    services = loaded.Spec?.Services.Select(s => s.Name).ToList(),
                    publicService = loaded.Spec?.ResolvePublicService(),
                    errors = loaded.Errors.Select(e => e.ToString()).ToList(),
                    warnings = loaded.Warnings.Select(w => w.ToString()).ToList(),
                });
                return Task.FromResult(loaded.Succeeded ? ExitCodes.Success : ExitCodes.InvalidSpec);
            }
            foreach (var warning in loaded.Warnings)
                context.Error.WriteLine($"warning: {warning}");
            if (!loaded.Succeeded)
            {
                foreach (var error in loaded.Errors)
                    context.Error.WriteLine(error);
                return Task.FromResult(ExitCodes.InvalidSpec);
            }
            var spec = loaded.Spec!;
            var publicService = spec.ResolvePublicService() ?? "none";
            context.Out.WriteLine($"{spec.Name}: valid ({spec.Services.Length} services: {string.Join(", ", spec.Services.Select(s => s.Name))}; public: {publicService})");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
