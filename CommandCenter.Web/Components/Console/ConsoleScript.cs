using Microsoft.JSInterop;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// A console component's collocated JS module: imported once, called quietly (a browser that is gone or a call that
/// fails is logged at debug, the component keeps working without it), and released with the component. A module
/// that exports <c>listen(owner, ...)</c>/<c>unlisten(listener)</c> gets its listener removed on dispose.
/// </summary>
public sealed class ConsoleScript<TComponent>(IJSRuntime js, string path, ILogger logger) : IAsyncDisposable
    where TComponent : class
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _listener;
    private DotNetObjectReference<TComponent>? _self;

    /// <summary>Called on dispose before the module is released (e.g. to stop a sound), while the module is still there.</summary>
    public Func<IJSObjectReference, ValueTask>? BeforeDispose { get; init; }

    /// <summary>The reference the script calls back into (created on first use).</summary>
    public DotNetObjectReference<TComponent> Self(TComponent component) => _self ??= DotNetObjectReference.Create(component);

    /// <summary>Calls an export; false when the module is not available or the call failed.</summary>
    public async Task<bool> InvokeVoidAsync(string identifier, CancellationToken cancellationToken, params object?[] args)
    {
        var (ok, _) = await CallAsync<object?>(identifier, args, expectsResult: false, cancellationToken);
        return ok;
    }

    /// <summary>Calls an export for a result; (false, default) when the module is not available or the call failed.</summary>
    public Task<(bool Ok, T? Value)> InvokeAsync<T>(string identifier, CancellationToken cancellationToken, params object?[] args) =>
        CallAsync<T>(identifier, args, expectsResult: true, cancellationToken);

    /// <summary>Calls <c>listen(owner, ...args)</c> and keeps the listener for <c>unlisten</c> on dispose.</summary>
    public async Task<bool> ListenAsync(TComponent component, CancellationToken cancellationToken, params object?[] args)
    {
        var (ok, listener) = await InvokeAsync<IJSObjectReference>("listen", cancellationToken, [Self(component), .. args]);
        _listener = listener;
        return ok && listener is not null;
    }

    private async Task<(bool, T?)> CallAsync<T>(string identifier, object?[] args, bool expectsResult, CancellationToken cancellationToken)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", cancellationToken, path);
            if (_module is null)
            {
                return (false, default);
            }
            if (!expectsResult)
            {
                await _module.InvokeVoidAsync(identifier, cancellationToken, args);
                return (true, default);
            }
            return (true, await _module.InvokeAsync<T>(identifier, cancellationToken, args));
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            logger.LogDebug(ex, "{Module}: {Identifier} not available", path, identifier);
            return (false, default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                if (BeforeDispose is not null)
                {
                    await BeforeDispose(_module);
                }
                if (_listener is not null)
                {
                    await _module.InvokeVoidAsync("unlisten", CancellationToken.None, _listener);
                    await _listener.DisposeAsync();
                }
                await _module.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            // The browser is gone: its listeners went with it.
        }
        _self?.Dispose();
    }
}
