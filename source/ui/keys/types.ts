import type {AclBinding, ConfigEntry} from '../../kafka/change-types.js';
import type {PartitionLag, TopicOverview} from '../../kafka/types.js';
import type {Changes} from '../change/use-change.js';
import type {GroupRow} from '../groups/group-rows.js';
import type {Store} from '../kit/store.js';
import type {ViewerRows} from '../messages/use-viewer-rows.js';
import type {Viewer} from '../messages/viewer-controller.js';
import type {Producer} from '../producer/use-producer.js';
import type {ListShape} from '../kit/list-window.js';
import type {AppAction, AppState} from '../shell/app-state.js';
import type {PaneId} from './binding-types.js';
import type {SubjectRow} from '../subjects/use-subjects.js';

// What the key handlers work with. Stores and commands do not change while the app runs, so a handler reads the
// state each key press left; `screen()` is what the last frame showed (rows, list shapes), which only a render knows.

export type KeyPress = {name: string; text: string};

/** What the screen shows now, as the last render computed it. */
export type ScreenModel = {
	shapes: Partial<Record<PaneId, ListShape>>;
	/** Topics listed in the explorer, for :topic and its completion. */
	topicNames: readonly string[];
	/** Every topic but internal ones, for the producer's suggestions. */
	allTopicNames: readonly string[];
	/** Partition count of each topic, for the producer's checks. */
	partitionCounts: ReadonlyMap<string, number>;
	/** The topic (and partition) under the cursor in the explorer, as the app's state has it now. */
	explorerTarget(now: AppState): {topic: string; partition: number | null} | null;
	viewer: {rows: ViewerRows; detailMax: number; detailPage: number};
	groups: {rows: GroupRow[]; partitions: Array<PartitionLag & {key: string}>};
	helpMax: number;
	/** The configs listed in the detail view, and the ACLs in the ACL view, as filtered. */
	configs: ConfigEntry[];
	acls: AclBinding[];
	/** The subjects listed in :subjects, as filtered; the open schema's page height and how far it scrolls. */
	subjects: SubjectRow[];
	schemaPage: number;
	schemaMax: number;
	/** A topic as the last snapshot had it (partitions, watermarks), for the changes' questions. */
	topic(name: string): TopicOverview | undefined;
	brokerCount: number;
};

/** Switching clusters without restarting: the names configured, the one in use, and the switch itself. */
export type ClusterSwitch = {names: readonly string[]; current: string; switchTo(name: string): void};

export type KeyApi = {
	app: Store<AppState, AppAction>;
	viewer: Viewer;
	producer: Producer;
	changes: Changes;
	readOnly: boolean;
	/** Whether a schema registry is configured (:subjects needs one). */
	hasRegistry: boolean;
	/** The configured clusters kex can switch to (:ctx), when there is a configuration. */
	clusters: ClusterSwitch | null;
	screen(): ScreenModel;
	/** Starts a refresh of the explorer or the groups; false when one is already running. */
	refreshSnapshot(): boolean;
	refreshGroups(): boolean;
	/** Refreshes the detail view, the ACL list or the subjects, whichever is open. */
	refreshDetail(): boolean;
	setCandidates(candidates: string[]): void;
	flash(level: 'info' | 'warn' | 'error', text: string): void;
	exit(): void;
};
