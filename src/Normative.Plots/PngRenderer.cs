using Microsoft.Playwright;

namespace Normative.Plots;

/// <summary>
/// Renders Plotly figures to PNG with the system's headless Chromium, driven by
/// Microsoft.Playwright. One browser per renderer, started on first use and reused for every
/// figure; all page network requests are blocked (and counted), so a render proves the figure
/// is offline.
/// </summary>
/// <remarks>
/// No browser is ever downloaded: Playwright's Node driver ships inside its NuGet package and
/// the browser is Debian's <c>chromium</c> (<see cref="DefaultChromiumPath"/>, or the path in
/// <see cref="ChromiumPathVariable"/>). plotly.js (~3.6 MB) is parsed once, into a warm page
/// that every later figure is drawn in, which is what makes the second and later renders fast.
/// Safe to call from several threads: renders are serialised on the one page.
/// </remarks>
public sealed class PngRenderer : IAsyncDisposable, IDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>Environment variable that overrides <see cref="DefaultChromiumPath"/>.</summary>
    public const string ChromiumPathVariable = "NORMATIVE_CHROMIUM";

    /// <summary>Headless, sandbox-free (containers), and quiet: no background or update traffic.</summary>
    private static readonly string[] LaunchArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Draws one figure into the warm page; the promise of <c>Plotly.newPlot</c> resolves when drawing is done.</summary>
    private const string DrawFigureScript = """
        async ([source, width, height]) => {
            const figure = (new Function('return (' + source + ');'))();
            const target = document.getElementById('figure');
            Plotly.purge(target);
            target.style.width = width + 'px';
            target.style.height = height + 'px';
            await Plotly.newPlot(target, figure.data, figure.layout, { staticPlot: true, displayModeBar: false });
        }
        """;

    /// <summary>Counts what a loaded HTML page drew: plots with an SVG, their traces, and trace elements in the SVG.</summary>
    private const string InspectPageScript = """
        () => {
            const plots = Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.querySelector('svg.main-svg'));
            return [
                plots.length,
                plots.reduce((n, p) => n + ((p._fullData || []).length), 0),
                document.querySelectorAll('svg.main-svg .trace, svg.main-svg .hm').length,
            ];
        }
        """;

    /// <summary>Playwright's per-action timeout; generous because parsing plotly.js on a busy 2-core machine has taken 10 s.</summary>
    private const float ActionTimeoutMs = 120_000;

    private static readonly Lazy<PngRenderer> shared = new(CreateShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lazy<Task<Session>> session;
    private readonly float deviceScaleFactor;
    private int blockedRequests;
    private int disposed;

    /// <summary>Creates a renderer; the browser starts on the first render.</summary>
    /// <param name="chromiumPath">Chromium executable; default <see cref="ResolveChromiumPath"/>.</param>
    /// <param name="deviceScaleFactor">Pixels per CSS pixel in the PNG. Range: 0.5 to 4.</param>
    public PngRenderer(string? chromiumPath = null, double deviceScaleFactor = 1.0)
    {
        if (deviceScaleFactor is < 0.5 or > 4 || double.IsNaN(deviceScaleFactor))
            throw new ArgumentOutOfRangeException(nameof(deviceScaleFactor), deviceScaleFactor, "Expected a scale between 0.5 and 4.");
        ChromiumPath = chromiumPath ?? ResolveChromiumPath();
        this.deviceScaleFactor = (float)deviceScaleFactor;
        session = new Lazy<Task<Session>>(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The process-wide renderer (one browser per run), disposed when the process exits.</summary>
    public static PngRenderer Shared => shared.Value;

    /// <summary>The Chromium executable this renderer launches.</summary>
    public string ChromiumPath { get; }

    /// <summary>Whether the browser has been started.</summary>
    public bool IsStarted => session.IsValueCreated && session.Value.IsCompletedSuccessfully;

    /// <summary>
    /// Whether the Chromium executable exists, so PNGs can be rendered. Figures are always
    /// available as HTML; callers that merely <em>offer</em> a PNG (notebook bundles, the results
    /// folder) check this and leave the PNG out instead of failing.
    /// </summary>
    public bool IsAvailable => File.Exists(ChromiumPath);

    /// <summary>Network requests the pages tried and were refused, since the renderer started.</summary>
    public int BlockedRequestCount => Volatile.Read(ref blockedRequests);

    /// <summary>The value of <see cref="ChromiumPathVariable"/> if set, else <see cref="DefaultChromiumPath"/>.</summary>
    public static string ResolveChromiumPath()
    {
        string? overridden = Environment.GetEnvironmentVariable(ChromiumPathVariable);
        return string.IsNullOrWhiteSpace(overridden) ? DefaultChromiumPath : overridden;
    }

    /// <summary>Blocking form of <see cref="RenderAsync"/> (for display paths that cannot await).</summary>
    public byte[] Render(string figureJson, int width, int height) =>
        // Task.Run: never block on continuations queued to the caller's synchronisation context.
        Task.Run(() => RenderAsync(figureJson, width, height)).GetAwaiter().GetResult();

    /// <summary>Renders plotly.js figure JSON (<c>data</c>, <c>layout</c>) at the given CSS size to PNG bytes.</summary>
    public async Task<byte[]> RenderAsync(string figureJson, int width, int height, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(figureJson);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        Session running = await StartedSessionAsync().ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IPage page = running.FigurePage;
            await page.SetViewportSizeAsync(width, height).ConfigureAwait(false);
            await page.EvaluateAsync(DrawFigureScript, new object[] { figureJson, width, height }).ConfigureAwait(false);
            ILocator figure = page.Locator("#figure");
            await figure.Locator("svg.main-svg").First.WaitForAsync().ConfigureAwait(false);
            return await figure.ScreenshotAsync(new LocatorScreenshotOptions { Animations = ScreenshotAnimations.Disabled, Type = ScreenshotType.Png })
                .ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Opens a whole HTML page (e.g. <see cref="FigureBundle.Html"/>) in a fresh page with the
    /// network blocked, waits for Plotly to draw, and reports what was drawn with a screenshot.
    /// </summary>
    public async Task<HtmlRenderResult> RenderHtmlAsync(string html, int width, int height, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(html);
        Session running = await StartedSessionAsync().ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        IPage? page = null;
        try
        {
            page = await running.Context.NewPageAsync().ConfigureAwait(false);
            int blockedHere = 0;
            await BlockNetworkAsync(page, () => Interlocked.Increment(ref blockedHere)).ConfigureAwait(false);
            await page.SetViewportSizeAsync(width, height).ConfigureAwait(false);
            await page.SetContentAsync(html).ConfigureAwait(false);
            await page.Locator("svg.main-svg").First.WaitForAsync().ConfigureAwait(false);
            int[] counts = await page.EvaluateAsync<int[]>(InspectPageScript).ConfigureAwait(false);
            byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png }).ConfigureAwait(false);
            return new HtmlRenderResult(png, counts[0], counts[1], counts[2], Volatile.Read(ref blockedHere));
        }
        finally
        {
            if (page is not null)
                await page.CloseAsync().ConfigureAwait(false);
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1 || !session.IsValueCreated)
            return;
        Session running;
        try
        {
            running = await session.Value.ConfigureAwait(false);
        }
        catch (Exception)
        {
            return; // The browser never started; nothing to close.
        }
        await running.Browser.CloseAsync().ConfigureAwait(false);
        running.Playwright.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    private static PngRenderer CreateShared()
    {
        var renderer = new PngRenderer();
        // Bounded: at exit the driver may already be gone; if so, closing its stdin ends Chromium anyway.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => renderer.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        return renderer;
    }

    private Task<Session> StartedSessionAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
        return session.Value;
    }

    private async Task<Session> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new ChromiumNotFoundException(ChromiumPath);
        IPlaywright playwright;
        try
        {
            playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(
                "Could not start Playwright's driver, which the Microsoft.Playwright package copies into the build output " +
                $"(.playwright next to {AppContext.BaseDirectory}). Rebuild the project; do not run `playwright install`. Cause: {e.Message}", e);
        }
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = LaunchArguments,
        }).ConfigureAwait(false);
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            // Not Offline: requests must reach the route below to be counted, or a test of "no request" could not fail.
            DeviceScaleFactor = deviceScaleFactor,
        }).ConfigureAwait(false);
        context.SetDefaultTimeout(ActionTimeoutMs);
        IPage page = await context.NewPageAsync().ConfigureAwait(false);
        await BlockNetworkAsync(page, () => { }).ConfigureAwait(false);
        await page.SetContentAsync(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + PlotlyJs.ScriptElement() +
            "</head><body style=\"margin:0;background:white\"><div id=\"figure\"></div></body></html>").ConfigureAwait(false);
        return new Session(playwright, browser, context, page);
    }

    /// <summary>Aborts every request a page makes and counts it: figures must need nothing from outside.</summary>
    private Task BlockNetworkAsync(IPage page, Action onBlocked) =>
        page.RouteAsync("**/*", async route =>
        {
            Interlocked.Increment(ref blockedRequests);
            onBlocked();
            await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
        });

    private sealed record Session(IPlaywright Playwright, IBrowser Browser, IBrowserContext Context, IPage FigurePage);
}
