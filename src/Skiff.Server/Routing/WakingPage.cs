using System.Net;

namespace Skiff.Server.Routing;

/// <summary>The small page a browser sees while an environment wakes: it reloads itself every second.</summary>
public static class WakingPage
{
    public static string Render(string environment)
    {
        var name = WebUtility.HtmlEncode(environment);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta http-equiv="refresh" content="1">
              <title>Waking up {{name}}…</title>
              <style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;height:90vh;color:#334}p{color:#778}</style>
            </head>
            <body>
              <main>
                <h1>Waking up {{name}}…</h1>
                <p>This environment was asleep to save resources. It will be back in a moment; this page reloads by itself.</p>
              </main>
            </body>
            </html>
            """;
    }
}
