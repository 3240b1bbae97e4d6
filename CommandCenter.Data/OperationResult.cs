namespace CommandCenter.Data;

/// <summary>How a write ended, mapped to HTTP by the API: 200/201, 404, 403, 409, 422.</summary>
public enum OperationStatus
{
    Succeeded = 0,
    NotFound = 1,
    OutOfScope = 2,
    /// <summary>The record is not in a state that allows this (or a stale version).</summary>
    Conflict = 3,
    Invalid = 4,
}

/// <summary>The outcome of a write with its current record either way.</summary>
public sealed record OperationResult<T>(
    OperationStatus Status,
    T? Value = default,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? Message = null)
{
    public bool Succeeded => Status == OperationStatus.Succeeded;

    public static OperationResult<T> Ok(T value) => new(OperationStatus.Succeeded, value);

    public static OperationResult<T> NotFound(string message) => new(OperationStatus.NotFound, Message: message);

    public static OperationResult<T> OutOfScope() => new(OperationStatus.OutOfScope, Message: "The record lies outside your area.");

    public static OperationResult<T> Conflict(T current, string message) => new(OperationStatus.Conflict, current, Message: message);

    public static OperationResult<T> Invalid(string field, string message) =>
        new(OperationStatus.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] }, Message: message);
}
