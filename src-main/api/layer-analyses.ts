// The layer explorer's service: analyses an image's layers from its export (one at a time per image, cancellable,
// progress as `layers.progress`), keeps the last few analyses for the session by image id, and lists folders from them.
import type Dockerode from 'dockerode';
import type { LayerAnalysis, LayerFolder, LayersProgress } from '../contract/dto/layers';
import type { ParsedArgsOf } from '../contract/api';
import { InvalidArgumentError, NotFoundError } from '../engine/errors';
import type { OperationRegistry, RunningOperation } from '../engine/operations';
import { LayerAnalyzer } from '../insight/layer-analysis';
import type { LayerTree } from '../insight/layer-tree';
import { readImageLayers } from './image-layers';

/** Analyses kept (each holds its image's file tree); the oldest goes first. */
const KEPT_ANALYSES = 8;
/** Least time between two progress events of one analysis, ms. */
const PROGRESS_INTERVAL_MS = 100;

interface Analysed {
  analysis: LayerAnalysis;
  tree: LayerTree;
}

export class LayerAnalysisService {
  private readonly kept = new Map<string, Analysed>();
  private readonly running = new Map<string, Promise<Analysed>>();

  constructor(
    private readonly docker: Dockerode,
    private readonly operations: OperationRegistry,
    private readonly progress: (progress: LayersProgress) => void,
  ) {}

  async analyze(image: string, operation?: string, refresh = false): Promise<LayerAnalysis> {
    const info = await this.docker.getImage(image).inspect();
    const kept = refresh ? undefined : this.kept.get(info.Id);
    if (kept) return kept.analysis;
    let running = this.running.get(info.Id);
    if (!running) {
      running = this.operations.run(operation, (op) => this.read(info, op));
      this.running.set(info.Id, running);
      running
        .then((analysed) => this.keep(info.Id, analysed))
        .catch(() => undefined)
        .finally(() => this.running.delete(info.Id));
    }
    return (await running).analysis;
  }

  async folder(args: ParsedArgsOf<'layers.folder'>): Promise<LayerFolder> {
    const info = await this.docker.getImage(args.image).inspect();
    const analysed = this.kept.get(info.Id);
    if (!analysed) throw new NotFoundError(`The layers of "${args.image}" have not been analysed yet (layers.analyze)`);
    const count = analysed.analysis.layers.length;
    if (args.layer !== null && args.layer >= count) {
      throw new InvalidArgumentError('layer', `must be below ${count}, the image's layer count`);
    }
    return analysed.tree.folder(args.path, args.layer, count - 1, args.onlyChanges, args.limit);
  }

  private async read(info: Dockerode.ImageInspectInfo, op: RunningOperation): Promise<Analysed> {
    const started = Date.now();
    const analyzer = new LayerAnalyzer();
    const report: LayersProgress = {
      operation: op.id,
      imageId: info.Id,
      bytesRead: 0,
      totalBytes: info.Size,
      layersRead: 0,
      layerCount: info.RootFS?.Layers?.length ?? 0,
    };
    let sent = 0;
    const send = (force: boolean) => {
      if (!force && Date.now() - sent < PROGRESS_INTERVAL_MS) return;
      sent = Date.now();
      this.progress({ ...report });
    };
    const result = await readImageLayers(
      this.docker,
      info.Id,
      {
        onLayer: (layer) => analyzer.startLayer(layer),
        onEntry: (entry) => analyzer.add(entry),
        onLayerEnd: (layer) => {
          analyzer.endLayer(layer.index);
          report.layersRead += 1;
        },
      },
      {
        // The analysis reads headers only and orders layers itself: nothing is kept on disk for it.
        inOrder: false,
        signal: op.signal,
        onProgress: (bytes) => {
          report.bytesRead = bytes;
          send(false);
        },
      },
    );
    report.layersRead = result.layers.length;
    send(true);
    return { analysis: analyzer.finish(info.Id, result.config.history, Date.now() - started), tree: analyzer.tree };
  }

  private keep(id: string, analysed: Analysed): void {
    this.kept.delete(id);
    this.kept.set(id, analysed);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= KEPT_ANALYSES) break;
      this.kept.delete(oldest);
    }
  }
}
