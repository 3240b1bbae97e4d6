namespace CommandCenter.Data.Demo.Geometry;

/// <summary>One lattice cell chosen to be a grid.</summary>
public sealed record TileCell(int Index, int Column, int Row, IReadOnlyList<GeoPoint> Ring, GeoPoint Centroid, double AreaSquareMeters);

/// <summary>
/// An irregular district outline tiled by grid polygons: a jittered lattice whose cells are chosen by growing an
/// irregular blob from the centre. Neighbouring cells share their corner vertices and edge midpoints exactly, so
/// the grids tile without gaps or overlaps, and any contiguous group of cells has an outer ring made of the same points.
/// </summary>
public sealed class LatticeTiling
{
    private readonly int _side;
    private readonly GeoPoint[] _vertices;      // (side+1) x (side+1)
    private readonly GeoPoint[] _horizontalMid; // side x (side+1): edge (i,j)-(i+1,j)
    private readonly GeoPoint[] _verticalMid;   // (side+1) x side: edge (i,j)-(i,j+1)
    private readonly int[] _cellAt;             // side x side: index into Cells, or -1

    private LatticeTiling(int side, GeoPoint[] vertices, GeoPoint[] horizontalMid, GeoPoint[] verticalMid)
    {
        _side = side;
        _vertices = vertices;
        _horizontalMid = horizontalMid;
        _verticalMid = verticalMid;
        _cellAt = new int[side * side];
        Array.Fill(_cellAt, -1);
    }

    public List<TileCell> Cells { get; } = [];

    /// <summary>Lays out <paramref name="cellCount"/> cells of about <paramref name="cellMeters"/> around <paramref name="centre"/>.</summary>
    public static LatticeTiling Create(Random random, int cellCount, GeoPoint centre, double cellMeters)
    {
        var side = (2 * (int)Math.Ceiling(Math.Sqrt(cellCount / Math.PI) * 1.9)) + 6;
        var kx = GeoPolygon.LongitudeDegrees(cellMeters, centre.Latitude);
        var ky = GeoPolygon.LatitudeDegrees(cellMeters);
        GeoPoint At(double x, double y) => new(centre.Longitude + ((x - (side / 2.0)) * kx), centre.Latitude + ((y - (side / 2.0)) * ky));

        var vertices = new GeoPoint[(side + 1) * (side + 1)];
        var jitter = new (double X, double Y)[(side + 1) * (side + 1)];
        for (var j = 0; j <= side; j++)
        {
            for (var i = 0; i <= side; i++)
            {
                var dx = (random.NextDouble() - 0.5) * 0.44;
                var dy = (random.NextDouble() - 0.5) * 0.44;
                jitter[(j * (side + 1)) + i] = (i + dx, j + dy);
                vertices[(j * (side + 1)) + i] = At(i + dx, j + dy);
            }
        }
        var horizontal = new GeoPoint[side * (side + 1)];
        for (var j = 0; j <= side; j++)
        {
            for (var i = 0; i < side; i++)
            {
                var a = jitter[(j * (side + 1)) + i];
                var b = jitter[(j * (side + 1)) + i + 1];
                var bend = (random.NextDouble() - 0.5) * 0.22;
                horizontal[(j * side) + i] = At(((a.X + b.X) / 2) - (bend * (b.Y - a.Y)), ((a.Y + b.Y) / 2) + (bend * (b.X - a.X)));
            }
        }
        var vertical = new GeoPoint[(side + 1) * side];
        for (var j = 0; j < side; j++)
        {
            for (var i = 0; i <= side; i++)
            {
                var a = jitter[(j * (side + 1)) + i];
                var b = jitter[((j + 1) * (side + 1)) + i];
                var bend = (random.NextDouble() - 0.5) * 0.22;
                vertical[(j * (side + 1)) + i] = At(((a.X + b.X) / 2) - (bend * (b.Y - a.Y)), ((a.Y + b.Y) / 2) + (bend * (b.X - a.X)));
            }
        }

        var tiling = new LatticeTiling(side, vertices, horizontal, vertical);
        tiling.GrowBlob(random, cellCount);
        return tiling;
    }

    /// <summary>Picks cells by growing from the centre in order of an irregular "blob radius", never creating a corner-only touch.</summary>
    private void GrowBlob(Random random, int cellCount)
    {
        var harmonics = new (double Amplitude, double Phase)[5];
        for (var k = 0; k < harmonics.Length; k++)
        {
            harmonics[k] = ((0.05 + (random.NextDouble() * 0.12)) / (1 + (k * 0.5)), random.NextDouble() * Math.PI * 2);
        }
        var stretch = 1.15 + (random.NextDouble() * 0.25);
        var rotation = random.NextDouble() * Math.PI;
        var noise = new double[_side * _side];
        for (var n = 0; n < noise.Length; n++)
        {
            noise[n] = random.NextDouble() * 0.08;
        }
        double Priority(int i, int j)
        {
            var x = i + 0.5 - (_side / 2.0);
            var y = j + 0.5 - (_side / 2.0);
            var xr = ((x * Math.Cos(rotation)) + (y * Math.Sin(rotation))) / stretch;
            var yr = (-x * Math.Sin(rotation)) + (y * Math.Cos(rotation));
            var theta = Math.Atan2(yr, xr);
            var radius = 1.0;
            for (var k = 0; k < harmonics.Length; k++)
            {
                radius += harmonics[k].Amplitude * Math.Cos(((k + 2) * theta) + harmonics[k].Phase);
            }
            return (Math.Sqrt((xr * xr) + (yr * yr)) / radius) + noise[(j * _side) + i];
        }

        var selected = new bool[_side * _side];
        var queue = new PriorityQueue<int, (double, int)>();
        var start = ((_side / 2) * _side) + (_side / 2);
        queue.Enqueue(start, (0, start));
        var order = new List<int>(cellCount);
        while (order.Count < cellCount && queue.TryDequeue(out var cell, out _))
        {
            if (selected[cell])
            {
                continue;
            }
            var i = cell % _side;
            var j = cell / _side;
            if (i <= 0 || j <= 0 || i >= _side - 1 || j >= _side - 1 || WouldPinch(selected, i, j))
            {
                continue; // re-queued when a neighbour is selected
            }
            selected[cell] = true;
            order.Add(cell);
            foreach (var (ni, nj) in new[] { (i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1) })
            {
                var next = (nj * _side) + ni;
                if (!selected[next])
                {
                    queue.Enqueue(next, (Priority(ni, nj), next));
                }
            }
        }
        if (order.Count < cellCount)
        {
            throw new InvalidOperationException("The lattice is too small for the requested number of cells.");
        }

        // Number the cells row by row from the north-west, as maps read.
        order.Sort((a, b) => (b / _side) != (a / _side) ? (b / _side).CompareTo(a / _side) : (a % _side).CompareTo(b % _side));
        foreach (var cell in order)
        {
            var i = cell % _side;
            var j = cell / _side;
            var ring = CellRing(i, j);
            _cellAt[cell] = Cells.Count;
            Cells.Add(new TileCell(Cells.Count, i, j, ring, GeoPolygon.Centroid(ring), GeoPolygon.SignedAreaSquareMeters(ring)));
        }
    }

    private bool WouldPinch(bool[] selected, int i, int j)
    {
        for (var a = -1; a <= 1; a += 2)
        {
            for (var b = -1; b <= 1; b += 2)
            {
                if (selected[((j + b) * _side) + i + a] && !selected[(j * _side) + i + a] && !selected[((j + b) * _side) + i])
                {
                    return true;
                }
            }
        }
        return false;
    }

    private GeoPoint Vertex(int i, int j) => _vertices[(j * (_side + 1)) + i];

    /// <summary>The CCW ring of a cell: corners and edge midpoints, 8 points (open).</summary>
    private GeoPoint[] CellRing(int i, int j) =>
    [
        Vertex(i, j), _horizontalMid[(j * _side) + i],
        Vertex(i + 1, j), _verticalMid[(j * (_side + 1)) + i + 1],
        Vertex(i + 1, j + 1), _horizontalMid[((j + 1) * _side) + i],
        Vertex(i, j + 1), _verticalMid[(j * (_side + 1)) + i],
    ];

    /// <summary>The 4-neighbours of a cell that are cells of the tiling.</summary>
    public IEnumerable<int> Neighbours(int index)
    {
        var c = Cells[index];
        foreach (var (ni, nj) in new[] { (c.Column + 1, c.Row), (c.Column - 1, c.Row), (c.Column, c.Row + 1), (c.Column, c.Row - 1) })
        {
            var n = _cellAt[(nj * _side) + ni];
            if (n >= 0)
            {
                yield return n;
            }
        }
    }

    /// <summary>
    /// The outer ring (CCW, open) of the union of a contiguous group of cells: the lattice edges not shared inside the
    /// group, chained into rings; the largest ring is the outer one. Where two cells of the group touch only at a
    /// corner the chain crosses over to the other cell, so the ring stays one piece.
    /// </summary>
    public List<GeoPoint> OuterRing(IReadOnlyCollection<int> cellIndices)
    {
        var inGroup = new HashSet<int>(cellIndices);
        var outgoing = new Dictionary<int, List<(int To, int Cell, GeoPoint Mid)>>();
        var edgeCount = 0;
        foreach (var index in cellIndices.Order())
        {
            var c = Cells[index];
            int i = c.Column, j = c.Row;
            (int Di, int Dj, int From, int To, GeoPoint Mid)[] edges =
            [
                (0, -1, VertexId(i, j), VertexId(i + 1, j), _horizontalMid[(j * _side) + i]),
                (1, 0, VertexId(i + 1, j), VertexId(i + 1, j + 1), _verticalMid[(j * (_side + 1)) + i + 1]),
                (0, 1, VertexId(i + 1, j + 1), VertexId(i, j + 1), _horizontalMid[((j + 1) * _side) + i]),
                (-1, 0, VertexId(i, j + 1), VertexId(i, j), _verticalMid[(j * (_side + 1)) + i]),
            ];
            foreach (var e in edges)
            {
                var neighbour = _cellAt[((j + e.Dj) * _side) + i + e.Di];
                if (neighbour >= 0 && inGroup.Contains(neighbour))
                {
                    continue;
                }
                if (!outgoing.TryGetValue(e.From, out var list))
                {
                    outgoing[e.From] = list = [];
                }
                list.Add((e.To, index, e.Mid));
                edgeCount++;
            }
        }

        List<GeoPoint>? best = null;
        var bestArea = double.NegativeInfinity;
        while (edgeCount > 0)
        {
            // Start at the lowest-then-leftmost vertex with an edge left: never a corner-only touch.
            var start = outgoing.Where(kv => kv.Value.Count > 0).Min(kv => kv.Key);
            var ring = new List<GeoPoint>();
            var vertex = start;
            var cell = -1;
            do
            {
                var list = outgoing[vertex];
                var pick = 0;
                for (var k = 0; k < list.Count; k++)
                {
                    if (list[k].Cell != cell)
                    {
                        pick = k;
                        break;
                    }
                }
                var edge = list[pick];
                list.RemoveAt(pick);
                edgeCount--;
                ring.Add(Vertex(vertex % (_side + 1), vertex / (_side + 1)));
                ring.Add(edge.Mid);
                vertex = edge.To;
                cell = edge.Cell;
            }
            while (vertex != start);
            var area = GeoPolygon.SignedAreaSquareMeters(ring);
            if (area > bestArea)
            {
                bestArea = area;
                best = ring;
            }
        }
        return best ?? [];
    }

    private int VertexId(int i, int j) => (j * (_side + 1)) + i;
}
