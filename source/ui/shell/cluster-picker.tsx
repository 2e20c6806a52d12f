import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import type {ClusterSwitch} from '../keys/types.js';
import {rule} from '../kit/text-fit.js';

// :ctx alone: the configured clusters to pick from, the one in use marked and selected first.

export type ClusterPickerProps = {clusters: ClusterSwitch; onClose: () => void; width: number; height: number};

export const ClusterPicker = ({clusters, onClose, width, height}: ClusterPickerProps) => {
	const items = clusters.names.map(name => ({
		key: name,
		label: name === clusters.current ? `${name}  (in use)` : name,
		value: name,
	}));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color="cyan" bold wrap="truncate">
				{rule(`clusters(${items.length})`, width)}
			</Text>
			<SelectInput
				items={items}
				limit={Math.max(1, height - 1)}
				initialIndex={Math.max(0, clusters.names.indexOf(clusters.current))}
				onSelect={item => {
					onClose();
					clusters.switchTo(item.value);
				}}
			/>
		</Box>
	);
};
