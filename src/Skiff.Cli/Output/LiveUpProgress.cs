using Skiff.Core.Api;
using Spectre.Console;

namespace Skiff.Cli.Output;

/// <summary>Progress as a live table on a terminal (Spectre.Console).</summary>
public sealed class LiveUpProgress : IUpProgress
{
    public async Task<T> RunAsync<T>(Func<Action<EnvironmentDto>, Task<T>> work)
    {
        var table = NewTable();
        T result = default!;
        await AnsiConsole.Live(table).AutoClear(false).StartAsync(async context =>
        {
            result = await work(environment =>
            {
                table.Rows.Clear();
                table.Title = new TableTitle($"[bold]{Markup.Escape(environment.Name)}[/]: {Markup.Escape(environment.Phase)}");
                foreach (var service in environment.Services)
                    table.AddRow(Markup.Escape(service.Name), Styled(service.Status), Markup.Escape(service.Message ?? ""));
                context.Refresh();
            });
        });
        return result;
    }

    private static Table NewTable() => new Table().Border(TableBorder.Rounded).AddColumn("service").AddColumn("status").AddColumn("");

    private static string Styled(string status) => status switch
    {
        "Ready" or "Unchanged" => $"[green]{status}[/]",
        "Failed" => $"[red]{status}[/]",
        "Pending" => $"[grey]{status}[/]",
        _ => $"[yellow]{status}[/]",
    };
}
